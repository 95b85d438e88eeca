// Config typos and a start_date in the future fail loudly (exit 2) instead of being ignored, and a
// start_date moved earlier brings back the history the later one skipped (issue 10, item 7).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createWorld, DAY } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { runMain } from '../helpers/in-process.ts';
import { greenhouseConfigObject, withDuck } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';

describe('config strictness', () => {
  const tmp = tempDir();
  let emu: GreenhouseEmulator;
  let now: number;
  beforeAll(async () => {
    now = Date.now() - 60_000;
    emu = await startGreenhouseEmulator({ world: createWorld({ seed: 11, size: 'tiny', start: now - 120 * DAY, now }), rateLimit: { limit: 100_000, windowMs: 30_000 } });
  });
  afterAll(async () => {
    await emu.stop();
    tmp.cleanup();
  });

  let n = 0;
  const write = (obj: Record<string, unknown>) => {
    const dir = join(tmp.dir, `c${n++}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'hirelake.yml');
    writeFileSync(file, stringify(obj));
    return { file, db: join(dir, 'w.duckdb') };
  };
  const config = (extra: Record<string, unknown>, top: Record<string, unknown> = {}) => ({ ...greenhouseConfigObject(emu, './w.duckdb', extra), ...top });

  it('an unknown connection key exits 2 naming it, with a did-you-mean', async () => {
    const { file } = write(config({ lookback_minute: 30, stage_maping: { Screen: 'screen' } }));
    const r = await runMain(['extract', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: connections[0].lookback_minute: unknown key; did you mean lookback_minutes?`);
    expect(r.stderr).toContain(`${file}: connections[0].stage_maping: unknown key; did you mean stage_mapping?`);
  });

  it('an unknown top-level or warehouse key gets a did-you-mean too', async () => {
    const { file } = write(config({}, { concurency: 8 }));
    const r = await runMain(['status', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\(top level\): Unrecognized key: "concurency"; did you mean concurrency\?/);
  });

  it('a start_date in the future exits 2', async () => {
    const { file } = write(config({ start_date: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10) }));
    const r = await runMain(['extract', '--config', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('connections[0].start_date: is in the future');
  });

  it('moving start_date earlier re-reads the history the later one skipped', async () => {
    const late = new Date(now - 20 * DAY).toISOString();
    const { file, db } = write(config({ start_date: late, streams: ['applications', 'candidates'] }));
    const count = () => withDuck(db, async (e) => (await e.query<{ n: number }>("select count(*) as n from raw.greenhouse__applications__latest where _connection = 'acme'"))[0]!.n);
    expect((await runMain(['extract', '--config', file])).code).toBe(0);
    const few = await count();

    const full = write(config({ streams: ['applications', 'candidates'] }));
    expect((await runMain(['extract', '--config', full.file])).code).toBe(0);
    const all = await withDuck(full.db, async (e) => (await e.query<{ n: number }>('select count(*) as n from raw.greenhouse__applications__latest'))[0]!.n);
    expect(few).toBeLessThan(all);

    // The same warehouse, start_date removed: history comes back, equal to a first full sync.
    writeFileSync(file, stringify(config({ streams: ['applications', 'candidates'] })));
    const r = await runMain(['extract', '--config', file]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/acme\.applications: start_date moved earlier \(from .*\); re-reading history from the beginning/);
    expect(await count()).toBe(all);
    // And once re-read, the next run is incremental again.
    expect((await runMain(['extract', '--config', file])).stderr).not.toMatch(/start_date moved earlier/);
  });
});
