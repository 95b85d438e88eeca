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
    // One DuckDB thread per instance: three workers share two cores, and a tiny world's build spent
    // more on scheduling tasks across threads than on the work (1.13–1.31 s vs 1.44–1.53 s idle).
    env: { TZ: 'UTC', HIRELAKE_DUCKDB_THREADS: '1' },
  },
});
