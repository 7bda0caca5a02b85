/*
 * A Horizon page in the test's jsdom window, for the plugin's scripts.
 *
 * The scripts are loaded as the page loads them: their own files, run as
 * plain scripts in the window (window.horizon, window.jQuery and window.d3
 * are globals there, as on Horizon's pages), never rewritten or imported;
 * so are jQuery and d3, the versions Horizon ships (package.json), once for
 * each document (each test file has its own, and both keep theirs).
 * What Horizon itself gives them is stood in for by `horizon` below: its
 * init hooks (run by start() and openModal(), as Horizon runs them on DOM
 * ready and when a modal is loaded) and horizon.tabs.initTabLoad (running
 * the functions given to addTabLoadFunction, as Horizon's does). The
 * network is `serve`: window.fetch answering with real Response objects.
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import {setImmediate} from 'node:timers';
import {fileURLToPath} from 'node:url';
import {vi} from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SCRIPTS = path.join(ROOT, 'mr_dashboard', 'static', 'mr_dashboard', 'js');
const LIBRARIES = {
  jQuery: path.join(ROOT, 'node_modules', 'jquery', 'dist', 'jquery.js'),
  d3: path.join(ROOT, 'node_modules', 'd3', 'd3.js')
};

// The polls the scripts started, stopped after each test (stopPolls): all
// the test files share one window, where a poll would go on asking.
const polls = [];

function runScript(file) {
  vm.runInThisContext(fs.readFileSync(file, 'utf8'), {filename: file});
}

// The listeners put on the document (by the scripts, jQuery, a poll),
// removed after each test (forgetListeners): a page boots once, a test
// file's document many times.
const listeners = [];
const watched = new WeakSet();

function watchListeners() {
  if (watched.has(document)) {
    return;
  }
  watched.add(document);
  const add = document.addEventListener;
  document.addEventListener = function (...args) {
    listeners.push(args);
    return add.apply(this, args);
  };
}

/* Removes every listener put on the document since the last call. */
export function forgetListeners() {
  listeners.splice(0).forEach((args) => document.removeEventListener(...args));
}

// Which document each library was loaded for (both keep the one they met).
const loadedFor = {};

function library(name) {
  if (loadedFor[name] !== document) {
    runScript(LIBRARIES[name]);
    loadedFor[name] = document;
  }
}

/*
 * Horizon's page with `html` in its body and the helper plus the named
 * scripts ('health' for mr_dashboard.health.js...) loaded, d3 too when
 * asked ({d3: true}). Returns {mr, start, openModal, tabLoads}: the helper's
 * namespace, Horizon's DOM-ready run of the init functions, a modal's
 * arrival, and the panes handed to horizon.tabs.initTabLoad.
 */
export function loadPage(html, names, options) {
  const inits = [];
  const modalInits = [];
  const tabLoads = [];
  const tabFunctions = [];
  document.body.innerHTML = html;
  watchListeners();
  library('jQuery');
  vi.stubGlobal('horizon', {
    addInitFunction: (fn) => inits.push(fn),
    modals: {addModalInitFunction: (fn) => modalInits.push(fn)},
    tabs: {
      addTabLoadFunction: (fn) => tabFunctions.push(fn),
      initTabLoad: ($pane) => {
        tabLoads.push($pane.get(0));
        tabFunctions.forEach((fn) => fn($pane));
      }
    }
  });
  if (options && options.d3) {
    library('d3');
  }
  runScript(path.join(SCRIPTS, 'mr_dashboard.js'));
  const helper = window.horizon.mr_dashboard;
  const poll = helper.poll;
  helper.poll = (url, pollOptions) => {
    const started = poll(url, pollOptions);
    polls.push(started);
    return started;
  };
  (names || []).forEach((name) => runScript(path.join(SCRIPTS, `mr_dashboard.${name}.js`)));
  return {
    mr: window.horizon.mr_dashboard,
    start: () => inits.forEach((fn) => fn()),
    openModal: (html) => {
      const modal = document.createElement('div');
      modal.className = 'modal';
      modal.innerHTML = html;
      document.body.appendChild(modal);
      modalInits.forEach((fn) => fn(window.jQuery(modal)));
      return modal;
    },
    tabLoads
  };
}

/* Stops every poll the scripts or the tests started. */
export function stopPolls() {
  polls.splice(0).forEach((started) => started.stop());
}

/*
 * window.fetch answering every request with answer(url, init): an object
 * {status, body} (body a string, or anything else sent as JSON), a Promise
 * of one, or null for a request that never ends (until its signal aborts
 * it, as a browser's fetch does). Returns the requests seen, each
 * {url, method, headers, body, signal, at} (`at`: Date.now() when asked).
 */
export function serve(answer) {
  const seen = [];
  vi.stubGlobal('fetch', (url, init) => {
    seen.push({...init, url, at: Date.now()});
    return new Promise((resolve, reject) => {
      init.signal.addEventListener('abort', () => {
        reject(new DOMException('The operation was aborted.', 'AbortError'));
      });
      Promise.resolve(answer(url, init)).then((reply) => {
        if (reply) {
          const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          resolve(new Response(body, {status: reply.status || 200}));
        }
      }, reject);
    });
  });
  return seen;
}

// Turns of Node's event loop a script is given to finish what an answer
// starts (reading the Response, drawing): counted, not timed, so a busy
// machine cannot fail a test; node:timers' setImmediate, which fake timers
// leave alone.
const TURNS = 200;

function turn() {
  return new Promise((resolve) => setImmediate(resolve));
}

/* Resolves once check() passes, within TURNS turns (else its error). */
export async function until(check) {
  for (let left = TURNS; ; left -= 1) {
    try {
      check();
      return;
    } catch (error) {
      if (!left) {
        throw error;
      }
    }
    await turn();
  }
}

/* Resolves after TURNS turns: for what a script must not have done. */
export async function settle() {
  for (let left = TURNS; left; left -= 1) {
    await turn();
  }
}

/* The tab hidden (true) or shown (false), with the browser's event. */
export function setHidden(hidden) {
  Object.defineProperty(document, 'hidden', {configurable: true, get: () => hidden});
  Object.defineProperty(document, 'visibilityState', {
    configurable: true,
    get: () => hidden ? 'hidden' : 'visible'
  });
  document.dispatchEvent(new Event('visibilitychange'));
}

/* Strings a cloud or a template could hand the pages: never markup there. */
export const HOSTILE = [
  '<script>window.hacked = 1</script>',
  '<img src=x onerror="window.hacked = 1">',
  '"quoted" & \'single\' & amp;',
  '</td></tr><tr><td>broken out'
];

