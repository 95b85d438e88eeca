import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // DuckDB files and loopback emulators are per test file; two cores, so keep the pool small.
    pool: 'forks',
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
