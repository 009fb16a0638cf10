import { defineConfig } from 'vitest/config';

/** Browser tests: Debian's Chromium driven by playwright-core against the real server. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // Every prepared query is checked against a fresh build of it (src/db/prepared.ts).
    env: { MOTCUA_VERIFY_PREPARED: '1' },
  },
});
