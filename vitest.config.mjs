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
    // The files share one worker's modules instead of importing jsdom and
    // the rest again for each (seconds each on a busy machine). Each file
    // still gets a document of its own (tests/js/page.js loads jQuery and
    // d3 into each); tests/js/setup.js empties the page, stops the polls
    // and clears the document's listeners and cookies after every test, and
    // unstubGlobals takes back what a test put on the window.
    isolate: false,
    restoreMocks: true,
    unstubGlobals: true,
    testTimeout: 20000
  }
});
