import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // DuckDB files and loopback emulators are per test file. Three workers on two cores: the files
    // wait on emulators, child processes and paced requests for a quarter of their time (395 s with
    // two workers, 348 s with three, measured on this machine).
    pool: 'forks',
    maxWorkers: 3,
    // A worker's files share its module cache: each file no longer imports and transforms the whole
    // project again (≈2 s a file). Tests keep their state in their own engines, emulators and temp
    // folders, never in module globals.
    isolate: false,
    env: { TZ: 'UTC' },
  },
});
