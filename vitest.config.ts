import { defineConfig } from 'vitest/config';

// Unit tests run once. API tests (`*.api.test.ts`) run against every database we support:
// always on embedded PGlite, and on a real PostgreSQL server when TEST_DATABASE_URL is set.
const databases = ['pglite', ...(process.env.TEST_DATABASE_URL ? ['postgresql'] : [])];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.api.test.ts', '**/node_modules/**'],
        },
      },
      ...databases.map((db) => ({
        test: {
          name: `api-${db}`,
          include: ['src/**/*.api.test.ts', 'test/**/*.api.test.ts'],
          env: { MOTCUA_TEST_DB: db },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
    ],
  },
});
