import { defineConfig } from 'vitest/config';

// Unit tests run once. API tests (`*.api.test.ts`) run against every database we support:
// always on embedded PGlite, and on a real PostgreSQL server when TEST_DATABASE_URL is set.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgresql'] : [])];

// Every prepared query is checked against a fresh build of it (src/db/prepared.ts).
const verify = { MOTCUA_VERIFY_PREPARED: '1' };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          env: verify,
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.api.test.ts', '**/node_modules/**'],
        },
      },
      ...databases.map((db) => ({
        test: {
          name: `api-${db}`,
          include: ['src/**/*.api.test.ts', 'test/**/*.api.test.ts'],
          env: { ...verify, MOTCUA_TEST_DB: db },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
    ],
  },
});
