// SIGINT/SIGTERM while a request is stalled: the request is abandoned at once (Greenhouse used to
// read pages without the stream's abort signal, so a signal waited out every timeout and retry),
// the pages landed so far stay checkpointed, and the CLI exits 130 / 143.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { tempDir } from '../helpers/tmp.ts';
import { writeConfigFile } from '../helpers/pipeline.ts';
import { checkpoint, landedRows, startHostile, type Hostile } from './harness.ts';

let h: Hostile;
const tmp = tempDir();
beforeAll(async () => {
  h = await startHostile();
});
afterAll(async () => {
  await h.stop();
  tmp.cleanup();
});

describe.each([
  ['SIGTERM', 143],
  ['SIGINT', 130],
] as const)('%s during extract', (signal, exitCode) => {
  it(`abandons the stalled request, keeps the landed page checkpointed and exits ${exitCode}`, async () => {
    // Page 2's response never comes (for ten minutes, far beyond any test's patience).
    h.proxy.set({ slow: { path: '/v3/applications', headersDelayMs: 600_000, fromPage: 2 } });
    const db = join(tmp.dir, `${signal}.duckdb`);
    const file = writeConfigFile(tmp.dir, h.configObject(db));
    const stderr: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (stderr.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const run = main(['extract', '--config', file]);
      // Page 1 is handed to the committer before page 2 is requested (read-ahead), so by the time
      // page 2 is stalled, page 1 is landing.
      while (!h.proxy.stats().fired['slow']) await sleep(20);
      process.emit(signal, signal);
      expect(await run).toBe(exitCode);
    } finally {
      process.stderr.write = write;
      h.proxy.set({});
    }
    expect(stderr.join('')).toMatch(new RegExp(`extract interrupted by ${signal} after landing 20 records`));
    const engine = await DuckDbEngine.open({ path: db });
    try {
      expect(await landedRows(engine)).toBe(20);
      expect(await checkpoint(engine)).toMatchObject({ watermark: null, pending: { pages: 1 } });
    } finally {
      await engine.close();
    }
  });
});
