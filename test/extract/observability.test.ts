// Off a terminal a run is never silent: retries and long waits are logged, each running stream gets
// a progress line on a timer, and every JSON line carries run_id, connection and stream.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, DAY } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { sources } from '../../extractors/index.ts';
import { createProgress } from '../../src/cli/progress.ts';
import { resolveConfig } from '../../src/config/load.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { runExtract } from '../../src/extract/run-extract.ts';
import { Redactor } from '../../src/http/index.ts';
import { createLogger } from '../../src/log/logger.ts';
import { fakeSource } from '../helpers/fake-source.ts';
import { greenhouseConfigObject } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';

type Line = Record<string, unknown> & { msg: string; level: string };

function jsonLog() {
  const lines: Line[] = [];
  const log = createLogger({ format: 'json', level: 'info', write: (l) => lines.push(JSON.parse(l) as Line) });
  return { log, lines };
}

/** A stream pretending to be off a terminal. */
const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;

describe('extract logs off a terminal', () => {
  const tmp = tempDir();
  let emu: GreenhouseEmulator;
  beforeAll(async () => {
    const now = Date.now() - 60_000;
    emu = await startGreenhouseEmulator({ world: createWorld({ seed: 5, size: 'tiny', start: now - 60 * DAY, now }), rateLimit: { limit: 100_000, windowMs: 1_000 } });
  });
  afterAll(async () => {
    await emu.stop();
    tmp.cleanup();
  });

  it('logs each retry with the vendor status and the wait, in JSON with run_id, connection and stream', async () => {
    const config = resolveConfig(
      greenhouseConfigObject(emu, join(tmp.dir, 'a.duckdb'), { streams: ['applications', 'jobs'], per_page: 100 }),
      join(tmp.dir, 'hirelake.yml'),
      sources,
    );
    emu.setFaults({ rateLimitStorm: { everyNth: 2, length: 1, retryAfterSeconds: 1 } });
    const { log, lines } = jsonLog();
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'a.duckdb') });
    try {
      const summary = await runExtract({ config, sources, engine, runId: 'run-42', log, redactor: new Redactor() });
      expect(summary.ok).toBe(true);
      expect(summary.streams.reduce((n, s) => n + s.retries, 0), JSON.stringify(emu.stats())).toBeGreaterThan(0);
    } finally {
      emu.setFaults({});
      await engine.close();
    }
    const retries = lines.filter((l) => /^acme\.\w+: retrying GET .*\/v3\/.* in \d.* \(status_429/.test(l.msg));
    expect(retries.length).toBeGreaterThan(0);
    for (const l of retries) {
      expect(l).toMatchObject({ level: 'info', run_id: 'run-42', connection: 'acme', status: 429, attempt: 1 });
      expect(['applications', 'jobs']).toContain(l['stream']);
      expect(l.msg.startsWith(`acme.${String(l['stream'])}: retrying GET `)).toBe(true);
    }
  });

  it('prints a progress line per running stream on each interval, with counters as fields', async () => {
    const { source } = fakeSource({ readMs: 400 });
    const fake = { fake: source };
    const config = resolveConfig(
      { warehouse: { engine: 'duckdb', path: join(tmp.dir, 'b.duckdb') }, connections: [{ name: 'one', source: 'fake', credentials: { key: 'a' } }, { name: 'two', source: 'fake', credentials: { key: 'b' } }] },
      join(tmp.dir, 'hirelake.yml'),
      fake,
    );
    const { log, lines } = jsonLog();
    const progress = createProgress(log.child({ run_id: 'run-7' }), { stream: pipe, intervalMs: 100 });
    const engine = await DuckDbEngine.open({ path: join(tmp.dir, 'b.duckdb') });
    try {
      await runExtract({ config, sources: fake, engine, runId: 'run-7', log, redactor: new Redactor(), observer: progress });
    } finally {
      progress.done();
      await engine.close();
    }
    const progressLines = lines.filter((l) => / records, \d+ pages, \d+ requests, \d+ retries$/.test(l.msg));
    for (const name of ['one', 'two']) {
      const mine = progressLines.filter((l) => l['connection'] === name);
      expect(mine.length, `progress lines of ${name}`).toBeGreaterThan(0);
      expect(mine[0]).toMatchObject({ run_id: 'run-7', stream: 'items', records: 0, pages: 0 });
      expect(mine[0]!.msg).toBe(`${name}.items: 0 records, 0 pages, 0 requests, 0 retries`);
    }
    // Nothing after the run: the timer stops with it.
    const count = lines.length;
    await sleep(250);
    expect(lines.length).toBe(count);
  });
});
