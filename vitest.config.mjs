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
    restoreMocks: true,
    unstubGlobals: true,
    testTimeout: 5000
  }
});
