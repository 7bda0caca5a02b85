/*
 * Run before every test file (vitest.config.mjs): each test starts from an
 * empty page, shown, with real timers and no cookies, and fails if a
 * script's event handler threw (a browser would only report it on the
 * console); no poll and no listener of an earlier test's scripts stays.
 */
import {afterEach, beforeEach, expect, vi} from 'vitest';
import {forgetListeners, setHidden, stopPolls} from './page.js';

let thrown;

function record(event) {
  thrown.push(event.error);
}

beforeEach(() => {
  thrown = [];
  window.addEventListener('error', record);
});

afterEach(() => {
  stopPolls();
  window.removeEventListener('error', record);
  vi.useRealTimers();
  if (window.jQuery) {
    window.jQuery(document).off();
  }
  forgetListeners();
  document.body.innerHTML = '';
  document.cookie.split(/;\s*/).filter(Boolean).forEach((pair) => {
    document.cookie = `${pair.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  });
  setHidden(false);
  delete window.hacked;
  expect(thrown, 'errors thrown in the page\'s event handlers').toEqual([]);
});
