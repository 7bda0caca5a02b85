/*
 * The rules of mr_dashboard.js (horizon.mr_dashboard), run by node from
 * tests/unit/test_scripts.py: node mr_dashboard_check.js <mr_dashboard.js>.
 *
 * fetch, document, the timers and Horizon's two init hooks are small
 * stand-ins, so what is checked is what the helper asks of them: the
 * request it sends, the error it gives, when it asks again. Exits 1 with
 * the failed assertion.
 */
'use strict';
var assert = require('assert');
var fs = require('fs');

var timers = new Map(), nextTimer = 1;
var listeners = {visibilitychange: []};
var inits = [], modalInits = [], fetched = [], warned = [];
var answer = null;

var document = {
  hidden: false,
  cookie: 'sessionid=s; csrftoken=abc%3D; other=1',
  addEventListener: function (type, f) { listeners[type].push(f); },
  removeEventListener: function (type, f) {
    listeners[type] = listeners[type].filter(function (g) { return g !== f; });
  }
};
var window = {
  horizon: {
    addInitFunction: function (f) { inits.push(f); },
    modals: {addModalInitFunction: function (f) { modalInits.push(f); }}
  },
  jQuery: function (modal) { return {get: function () { return modal.element; }}; },
  console: {warn: function (text) { warned.push(text); }},
  setTimeout: function (f, delay) {
    timers.set(nextTimer, {f: f, delay: delay});
    return nextTimer++;
  },
  clearTimeout: function (id) { timers.delete(id); },
  AbortController: AbortController,
  fetch: function (url, options) {
    fetched.push({url: url, options: options});
    return answer(url, options);
  }
};
new Function('window', 'document', fs.readFileSync(process.argv[2], 'utf8'))(window, document);
var mr = window.horizon.mr_dashboard;

function respond(status, body) {
  return function () {
    return Promise.resolve({
      ok: status < 400, status: status,
      json: function () { return Promise.resolve(body); },
      text: function () { return Promise.resolve(String(body)); }
    });
  };
}

function settle() {
  return new Promise(function (done) { setImmediate(done); });
}

/* Runs the one timer left (the poll's next request); its delay. */
function fire() {
  assert.strictEqual(timers.size, 1, 'one timer pending, not ' + timers.size);
  var id = timers.keys().next().value, timer = timers.get(id);
  timers.delete(id);
  timer.f();
  return timer.delay;
}

function failed(promise) {
  return promise.then(function () { assert.fail('resolved'); }, function (error) { return error; });
}

async function requests() {
  answer = respond(200, {a: 1});
  assert.deepStrictEqual(await mr.request('/json/'), {a: 1});
  var sent = fetched[0].options;
  assert.strictEqual(sent.method, 'GET');
  assert.strictEqual(sent.credentials, 'same-origin');
  assert.strictEqual(sent.cache, 'no-store');
  assert.strictEqual(sent.headers.Accept, 'application/json');
  assert.strictEqual(sent.headers['X-Requested-With'], 'XMLHttpRequest');
  assert.strictEqual(sent.headers['X-CSRFToken'], undefined);
  assert.ok(sent.signal);
  assert.strictEqual(timers.size, 0, 'the timeout is cleared');

  assert.strictEqual(await mr.request('/check/', {method: 'post', body: 'b', as: 'text'}), '[object Object]');
  sent = fetched[1].options;
  assert.deepStrictEqual([sent.method, sent.body, sent.headers.Accept, sent.headers['X-CSRFToken']],
                         ['POST', 'b', 'text/html', 'abc=']);

  answer = respond(503);
  var error = await failed(mr.request('/down/'));
  assert.ok(error instanceof Error && error instanceof mr.RequestError);
  assert.deepStrictEqual([error.url, error.kind, error.status, error.message],
                         ['/down/', 'status', 503, '/down/ answered 503']);

  answer = function () {
    return Promise.resolve({ok: true, status: 200, json: function () {
      return Promise.reject(new SyntaxError('Unexpected token <'));
    }});
  };
  error = await failed(mr.request('/html/'));
  assert.deepStrictEqual([error.kind, error.status], ['body', 200]);

  answer = function () { return Promise.reject(new TypeError('Failed to fetch')); };
  error = await failed(mr.request('/gone/'));
  assert.deepStrictEqual([error.kind, error.status, error.message],
                         ['network', 0, '/gone/ failed: Failed to fetch']);

  answer = function (url, options) {
    return new Promise(function (resolve, reject) {
      options.signal.addEventListener('abort', function () {
        reject(new Error('The operation was aborted.'));
      });
    });
  };
  var hanging = failed(mr.request('/hangs/', {timeout: 30}));
  assert.strictEqual(fire(), 30);
  error = await hanging;
  assert.deepStrictEqual([error.kind, error.message],
                         ['timeout', '/hangs/ did not answer within 30 ms']);
  var fallback = failed(mr.request('/hangs/'));
  assert.strictEqual(fire(), 120000);
  await fallback;
}

async function polls() {
  // Three failures, an answer, a failure, an answer, then onAnswer says stop.
  var script = [503, 503, 503, 'a', 503, 'b', 'stop'], answers = [], errors = [];
  answer = function () {
    var next = script.shift();
    return typeof next === 'number' ? respond(next)() : respond(200, next)();
  };
  fetched.length = 0;
  mr.poll('/tree/', {every: 5000, onAnswer: function (body) {
    answers.push(body);
    return body !== 'stop';
  }, onError: function (error) { errors.push(error.status); }});
  var waits = [];
  for (var i = 0; i < 6; i += 1) {
    await settle();
    waits.push(fire());
  }
  await settle();
  assert.deepStrictEqual(waits, [10000, 20000, 40000, 5000, 10000, 5000]);
  assert.deepStrictEqual(answers, ['a', 'b', 'stop']);
  assert.deepStrictEqual(errors, [503, 503, 503, 503]);
  assert.strictEqual(fetched.length, 7);
  assert.strictEqual(timers.size, 0, 'stopped by onAnswer');
  assert.strictEqual(listeners.visibilitychange.length, 0);

  // The back-off stops at 60 s, or at the period when that is longer.
  answer = respond(500);
  var ticker = mr.poll('/health/', {every: 10000, onAnswer: function () {}});
  waits = [];
  for (i = 0; i < 4; i += 1) {
    await settle();
    waits.push(fire());
  }
  ticker.stop();
  assert.deepStrictEqual(waits, [20000, 40000, 60000, 60000]);
  ticker = mr.poll('/slow/', {every: 90000, onAnswer: function () {}});
  await settle();
  assert.strictEqual(fire(), 90000);
  ticker.stop();
  await settle();
  assert.strictEqual(timers.size, 0);
  assert.ok(warned.length >= 4 && warned[0].indexOf('mr_dashboard: /health/ answered 500') === 0);

  // Nothing is asked while the tab is hidden; at once when it is shown.
  answer = respond(200, {});
  fetched.length = 0;
  ticker = mr.poll('/health/', {every: 10000, onAnswer: function () {}});
  await settle();
  document.hidden = true;
  fire();
  await settle();
  assert.strictEqual(fetched.length, 1);
  assert.strictEqual(timers.size, 0, 'no timer while hidden');
  listeners.visibilitychange.forEach(function (f) { f(); });
  assert.strictEqual(fetched.length, 1, 'still hidden');
  document.hidden = false;
  listeners.visibilitychange.forEach(function (f) { f(); });
  assert.strictEqual(fetched.length, 2, 'asked when shown');
  await settle();
  ticker.stop();
  assert.strictEqual(timers.size, 0);
  assert.strictEqual(listeners.visibilitychange.length, 0);

  // An answer arriving after stop() is dropped; a throwing onAnswer is a failure.
  var late = null, painted = 0;
  answer = function () { return new Promise(function (resolve) { late = resolve; }); };
  ticker = mr.poll('/tree/', {every: 5000, onAnswer: function () { painted += 1; }});
  ticker.stop();
  late({ok: true, status: 200, json: function () { return Promise.resolve({}); }});
  await settle();
  assert.strictEqual(painted, 0);
  answer = respond(200, {});
  errors = [];
  ticker = mr.poll('/tree/', {every: 5000, onAnswer: function () { throw new Error('paint'); },
                              onError: function (error) { errors.push(error.message); }});
  await settle();
  assert.deepStrictEqual(errors, ['paint']);
  assert.strictEqual(fire(), 10000);
  await settle();
  ticker.stop();
}

async function boots() {
  var scopes = [];
  mr.boot(function (scope) {
    scopes.push(scope);
    if (scope === 'broken') {
      throw new Error('broken start');
    }
  });
  mr.boot(function (scope) { scopes.push(['second', scope]); });
  assert.deepStrictEqual(scopes, [], 'nothing before Horizon starts');
  inits.forEach(function (f) { f(); });
  assert.deepStrictEqual(scopes, [document, ['second', document]]);
  scopes.length = 0;
  modalInits.forEach(function (f) { f({element: 'broken'}); });
  assert.deepStrictEqual(scopes, ['broken', ['second', 'broken']], 'one error stops no other script');
  assert.throws(fire, /broken start/);

  assert.strictEqual(mr.localPath('/project/mr_stacks/R/1/'), '/project/mr_stacks/R/1/');
  ['//evil.example/', '/\\evil.example/', '/\t/evil.example/', '/\n/evil.example/',
   '/ /evil.example/', '/x\\..\\..\\/evil', 'javascript:alert(1)', 'https://evil.example/',
   'project/x', '', null, undefined, 7].forEach(function (url) {
    assert.strictEqual(mr.localPath(url), null, String(url));
  });
  function element(value) { return {getAttribute: function () { return value; }}; }
  assert.strictEqual(mr.every(element('7'), 'data-x', 3), 7000);
  assert.strictEqual(mr.every(element(null), 'data-x', 3), 3000);
  assert.strictEqual(mr.every(element('0'), 'data-x', 3), 3000);
  assert.strictEqual(mr.every(element('soon'), 'data-x', 3), 3000);
}

requests().then(polls).then(boots).then(function () {
  process.stdout.write('mr_dashboard.js: all rules hold\n');
}).catch(function (error) {
  process.stderr.write(String(error.stack || error) + '\n');
  process.exit(1);
});
