/*
 * The helper every script shares (mr_dashboard.js, docs/javascript.md):
 * request's headers, timeout and error kinds; poll's period, back-off and
 * its reset, the pause in a hidden tab and the resume; every, localPath,
 * warn and boot.
 */
import {beforeEach, describe, expect, it, vi} from 'vitest';
import {loadPage, serve, setHidden} from './page.js';

let mr;

beforeEach(() => {
  vi.useFakeTimers();
  mr = loadPage('', []).mr;
});

describe('request', () => {
  it('asks with the session, uncached, as XHR for JSON, without CSRF on a GET', async () => {
    document.cookie = 'csrftoken=t0k3n';
    const seen = serve(() => ({body: {a: 1}}));
    await expect(mr.request('/project/x/')).resolves.toEqual({a: 1});
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      url: '/project/x/', method: 'GET', credentials: 'same-origin', cache: 'no-store'
    });
    expect(seen[0].headers).toEqual({
      Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest'
    });
  });

  it('sends Horizon\'s CSRF cookie as X-CSRFToken on a POST, and text when asked', async () => {
    document.cookie = 'other=1';
    document.cookie = 'csrftoken=a%20b';
    const seen = serve(() => ({body: '<p>checked</p>'}));
    const text = await mr.request('/check/', {method: 'post', body: 'x=1', as: 'text'});
    expect(text).toBe('<p>checked</p>');
    expect(seen[0].method).toBe('POST');
    expect(seen[0].body).toBe('x=1');
    expect(seen[0].headers).toEqual({
      Accept: 'text/html', 'X-Requested-With': 'XMLHttpRequest', 'X-CSRFToken': 'a b'
    });
  });

  it('sends no CSRF header when Horizon set no cookie', async () => {
    const seen = serve(() => ({body: {}}));
    await mr.request('/x/', {method: 'DELETE'});
    expect(seen[0].headers).not.toHaveProperty('X-CSRFToken');
  });

  it.each([
    ['status', () => ({status: 503, body: 'down'}), 503, '/x/ answered 503'],
    ['body', () => ({body: 'not json'}), 200, '/x/ failed: '],
    ['network', () => Promise.reject(new TypeError('Failed to fetch')), 0,
     '/x/ failed: Failed to fetch']
  ])('rejects with a RequestError of kind %s', async (kind, answer, status, message) => {
    serve(answer);
    const error = await mr.request('/x/').catch((caught) => caught);
    expect(error).toBeInstanceOf(mr.RequestError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({kind, status, url: '/x/'});
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('gives up on a request that hangs after its timeout, and aborts it', async () => {
    const seen = serve(() => null);
    const outcome = mr.request('/slow/', {timeout: 3000}).catch((caught) => caught);
    await vi.advanceTimersByTimeAsync(2999);
    expect(seen[0].signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(seen[0].signal.aborted).toBe(true);
    expect(error).toMatchObject({kind: 'timeout', message: '/slow/ did not answer within 3000 ms'});
  });

  it('waits 120 s by default, and clears its timer once answered', async () => {
    const seen = serve(() => null);
    const outcome = mr.request('/slow/').catch((caught) => caught);
    await vi.advanceTimersByTimeAsync(119999);
    expect(seen[0].signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await outcome).kind).toBe('timeout');

    serve(() => ({body: {}}));
    await mr.request('/fast/');
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('poll', () => {
  // The times (ms after the poll began) at which the poll asked.
  function times(seen) {
    return seen.map((request) => request.at - seen[0].at);
  }

  it('asks at once, then every period after each answer, until onAnswer says false', async () => {
    const seen = serve(() => ({body: {n: seen.length}}));
    const answers = [];
    mr.poll('/tree/', {every: 5000, onAnswer: (answer) => answers.push(answer.n) < 3});
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60000);
    expect(answers).toEqual([1, 2, 3]);
    expect(times(seen)).toEqual([0, 5000, 10000]);
  });

  it('stops asking when stop() is called, even with an answer on its way', async () => {
    let release;
    const seen = serve(() => new Promise((resolve) => {
      release = resolve;
    }));
    const onAnswer = vi.fn(() => true);
    const poll = mr.poll('/tree/', {every: 1000, onAnswer});
    await vi.advanceTimersByTimeAsync(0);
    poll.stop();
    release({body: {}});
    await vi.advanceTimersByTimeAsync(10000);
    expect(onAnswer).not.toHaveBeenCalled();
    expect(seen).toHaveLength(1);
  });

  it('waits twice as long after each failure, up to 60 s, and the period again after an answer',
     async () => {
       const failing = 8;
       const seen = serve(() => seen.length <= failing ? {status: 500, body: ''} : {body: {}});
       const errors = [];
       mr.poll('/health/', {every: 1000, onAnswer: () => true, onError: (e) => errors.push(e)});
       await vi.advanceTimersByTimeAsync(300000);
       const gaps = times(seen).slice(1).map((at, index) => at - times(seen)[index]);
       expect(gaps.slice(0, failing + 2)).toEqual(
         [2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 1000, 1000]);
       expect(errors).toHaveLength(failing);
       expect(errors[0]).toMatchObject({kind: 'status', status: 500});
     });

  it('backs off from a period longer than 60 s no further than that period', async () => {
    const seen = serve(() => ({status: 502, body: ''}));
    mr.poll('/x/', {every: 90000, onAnswer: () => true, onError: () => {}});
    await vi.advanceTimersByTimeAsync(400000);
    expect(times(seen).slice(0, 4)).toEqual([0, 90000, 180000, 270000]);
  });

  it('warns on the console after a failure unless told otherwise', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    serve(() => ({status: 404, body: ''}));
    mr.poll('/gone/', {every: 1000, onAnswer: () => true});
    await vi.advanceTimersByTimeAsync(0);
    expect(warn).toHaveBeenCalledWith('mr_dashboard: /gone/ answered 404');
  });

  it('asks nothing while the tab is hidden, and at once when it is shown again', async () => {
    const seen = serve(() => ({body: {}}));
    mr.poll('/health/', {every: 10000, onAnswer: () => true});
    await vi.advanceTimersByTimeAsync(0);
    setHidden(true);
    await vi.advanceTimersByTimeAsync(600000);
    expect(seen).toHaveLength(1);

    setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(2);
    expect(seen[1].at - seen[0].at).toBe(600000);
    await vi.advanceTimersByTimeAsync(10000);
    expect(seen).toHaveLength(3);
  });

  it('does not start in a hidden tab, nor ask twice when shown before its time', async () => {
    setHidden(true);
    const seen = serve(() => ({body: {}}));
    mr.poll('/health/', {every: 10000, onAnswer: () => true});
    await vi.advanceTimersByTimeAsync(30000);
    expect(seen).toHaveLength(0);
    setHidden(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toHaveLength(1);

    setHidden(true);
    setHidden(false);
    await vi.advanceTimersByTimeAsync(9999);
    expect(seen).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(seen).toHaveLength(2);
  });

  it('stops listening to the tab once stopped', async () => {
    const seen = serve(() => ({body: {}}));
    const poll = mr.poll('/x/', {every: 1000, onAnswer: () => true});
    await vi.advanceTimersByTimeAsync(0);
    setHidden(true);
    await vi.advanceTimersByTimeAsync(5000);
    poll.stop();
    setHidden(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(seen).toHaveLength(1);
  });
});

describe('every', () => {
  it.each([
    ['7', 7000],
    ['', 5000],
    ['0', 5000],
    ['-3', 5000],
    ['soon', 5000]
  ])('reads %j seconds as %i ms (5 s when it names none)', (value, ms) => {
    const element = document.createElement('div');
    element.setAttribute('data-refresh', value);
    expect(mr.every(element, 'data-refresh', 5)).toBe(ms);
  });

  it('takes the default when the attribute is missing', () => {
    expect(mr.every(document.createElement('div'), 'data-refresh', 10)).toBe(10000);
  });
});

describe('localPath', () => {
  it.each([
    '/project/stacks/',
    '/project/mr/stacks/RegionTwo/abc/?tab=x#y'
  ])('keeps the path of this site %j', (url) => {
    expect(mr.localPath(url)).toBe(url);
  });

  it.each([
    'https://127.0.0.1/x',
    '//127.0.0.1/x',
    '/\\127.0.0.1/x',
    '/\t/127.0.0.1',
    '/a\nb',
    '/a b',
    '/a\\b',
    // eslint-disable-next-line no-script-url -- a link the helper must refuse
    'javascript:alert(1)',
    'project/x',
    '',
    null,
    undefined,
    42
  ])('refuses %j', (url) => {
    expect(mr.localPath(url)).toBeNull();
  });
});

describe('boot', () => {
  it('starts a script on Horizon\'s DOM ready with the document, and again in each modal', () => {
    const page = loadPage('<p>page</p>', []);
    const scopes = [];
    page.mr.boot((scope) => scopes.push(scope));
    expect(scopes).toEqual([]);
    page.start();
    const modal = page.openModal('<p>modal</p>');
    expect(scopes).toEqual([document, modal]);
  });

  it('lets the other scripts start when one fails, and reports the failure', () => {
    const page = loadPage('', []);
    const started = [];
    page.mr.boot(() => {
      throw new Error('broken script');
    });
    page.mr.boot((scope) => started.push(scope));
    page.start();
    expect(started).toEqual([document]);
    expect(() => vi.runAllTimers()).toThrow('broken script');
  });
});

it('warn writes the failure on the console with the plugin\'s name', () => {
  const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  mr.warn(new mr.RequestError('/x/', 'network', 0, 'failed: reset'));
  expect(warn).toHaveBeenCalledWith('mr_dashboard: /x/ failed: reset');
});
