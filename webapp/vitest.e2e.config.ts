import { defineConfig } from 'vitest/config';

// Browser tests: run by the server's WebAppBrowserIT against a started server (`npm run e2e`), one file at a time.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
