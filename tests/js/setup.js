/*
 * Run before every test file (vitest.config.mjs): each test starts from an
 * empty page, shown, with real timers, no cookies and no listener left on
 * the document by an earlier test's scripts.
 */
import {afterEach, vi} from 'vitest';
import {jQuery, setHidden} from './page.js';

afterEach(() => {
  vi.useRealTimers();
  jQuery(document).off();
  document.body.innerHTML = '';
  document.cookie.split(/;\s*/).filter(Boolean).forEach((pair) => {
    document.cookie = `${pair.split('=')[0]}=; expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  });
  setHidden(false);
  delete window.hacked;
});
