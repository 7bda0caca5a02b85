/*
 * Vitest for mr_dashboard's browser scripts (docs/javascript.md): each test
 * file in a jsdom window (a browser's DOM in Node), the scripts loaded into
 * it by tests/js/page.js.
 */
import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'jsdom',
    include: ['tests/js/**/*.test.js'],
    setupFiles: ['tests/js/setup.js'],
    // One jsdom window for all the files: a window a file takes seconds to
    // build on a busy machine. tests/js/setup.js empties the page, the
    // document's listeners and the cookies after each test, and
    // unstubGlobals takes back what a test put on the window.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
    testTimeout: 5000
  }
});
