// What schedulers rely on: exit codes (including 130/143 after a clean checkpoint), --version,
// environment twins of the flags, --connection lists, --config - and status --fail-if-stale.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, DAY } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { Interrupt } from '../../src/cli/interrupt.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { runCli } from '../helpers/cli.ts';
import { runMain } from '../helpers/in-process.ts';
import { greenhouseConfigObject, withDuck, writeConfigFile } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';
import { GREENHOUSE_STREAM_COUNT } from '../helpers/pipeline.ts';

const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('the CLI as a scheduled process', () => {
  const tmp = tempDir();
  let emu: GreenhouseEmulator;
  beforeAll(async () => {
    const now = Date.now() - 60_000;
    emu = await startGreenhouseEmulator({ world: createWorld({ seed: 3, size: 'tiny', start: now - 90 * DAY, now }), rateLimit: { limit: 100_000, windowMs: 30_000 } });
  });
  afterAll(async () => {
    emu.setFaults({});
    await emu.stop();
    tmp.cleanup();
  });

  /** A config in its own folder with connections acme and globex on the emulator. */
  const setup = (name: string, extra: Record<string, unknown> = {}) => {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    const db = join(dir, 'w.duckdb');
    const obj = greenhouseConfigObject(emu, db, { per_page: 20, ...extra });
    const [acme] = obj['connections'] as Record<string, unknown>[];
    obj['connections'] = [acme, { ...acme, name: 'globex' }];
    return { dir, db, file: writeConfigFile(dir, obj) };
  };

  it('--version prints the package version and exits 0', async () => {
    const r = await runMain(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });

  it('HIRELAKE_CONFIG, HIRELAKE_LOG_FORMAT and HIRELAKE_CONNECTION stand in for their flags', async () => {
    const { file, db } = setup('env');
    const r = await runMain(['extract'], { env: { HIRELAKE_CONFIG: file, HIRELAKE_LOG_FORMAT: 'json', HIRELAKE_CONNECTION: 'globex', HIRELAKE_JSON: '1' } });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as { streams: { connection: string }[] };
    expect(new Set(summary.streams.map((s) => s.connection))).toEqual(new Set(['globex']));
    const states = await withDuck(db, (e) => new StateStore('hirelake').list(e));
    expect(new Set(states.map((s) => s.connection))).toEqual(new Set(['globex']));
    // A flag wins over its environment twin.
    const bad = await runMain(['status', '--config', join(tmp.dir, 'nowhere.yml')], { env: { HIRELAKE_CONFIG: file } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nowhere.yml: config file not found');
  });

  it('--connection takes a list, and an unknown name exits 2 with a suggestion', async () => {
    const { file } = setup('list');
    const r = await runMain(['status', '--config', file, '--connection', 'acme,globex', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(new Set((JSON.parse(r.stdout) as { streams: { connection: string }[] }).streams.map((s) => s.connection))).toEqual(new Set(['acme', 'globex']));
    const typo = await runMain(['status', '--config', file, '--connection', 'acme,glbex']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/--connection glbex: no such connection in .*; did you mean globex\? expected one of acme, globex/);
  });

  it('--config naming a directory exits 2', async () => {
    const { dir } = setup('dir');
    const r = await runMain(['status', '--config', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${dir}: is a directory, not a config file`);
  });

  it('status on a warehouse that does not exist reports it and creates nothing; --fail-if-stale then exits 1', async () => {
    const { file, db } = setup('missing');
    const r = await runMain(['status', '--config', file, '--json'], { env: { HIRELAKE_LOG_FORMAT: 'json' } });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stderr.trim().split('\n')[0]!)).toMatchObject({ level: 'warn', msg: `no warehouse at ${db} yet: nothing has been extracted into it` });
    expect(existsSync(db)).toBe(false);
    const stale = await runMain(['status', '--config', file, '--fail-if-stale', '1h']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain(`${2 * GREENHOUSE_STREAM_COUNT} streams not successfully extracted within the --fail-if-stale age`);
    expect(existsSync(db)).toBe(false);
  });

  it('status --fail-if-stale exits 0 when every stream succeeded within the age and 1 for one that is older', async () => {
    const { file } = setup('stale');
    expect((await runMain(['extract', '--config', file, '--connection', 'acme'])).code).toBe(0);
    const fresh = await runMain(['status', '--config', file, '--connection', 'acme', '--fail-if-stale', '2h', '--json']);
    expect(fresh.code, fresh.stderr).toBe(0);
    expect((JSON.parse(fresh.stdout) as { stale: string[] }).stale).toEqual([]);
    // globex never ran: stale whatever the age.
    const mixed = await runMain(['status', '--config', file, '--fail-if-stale', '2h', '--json']);
    expect(mixed.code).toBe(1);
    expect((JSON.parse(mixed.stdout) as { stale: string[] }).stale.every((s) => s.startsWith('globex.'))).toBe(true);
    const badAge = await runMain(['status', '--config', file, '--fail-if-stale', 'soon']);
    expect(badAge.code).toBe(2);
    expect(badAge.stderr).toMatch(/--fail-if-stale expects a duration such as 30m, 2h or 1d, got "soon"/);
  });

  for (const [sig, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
    it(`${sig} mid-extract stops after a clean checkpoint and exits ${code}; the rerun resumes and succeeds`, async () => {
      const { file, db } = setup(sig.toLowerCase());
      emu.resetStats();
      emu.setFaults({ slow: { probability: 1, delayMs: 30 } });
      const interrupt = new Interrupt();
      const timer = setInterval(() => {
        if (emu.stats().requests > 15) {
          clearInterval(timer);
          interrupt.deliver(sig, () => undefined);
        }
      }, 5);
      const r = await runMain(['extract', '--config', file], { interrupt });
      clearInterval(timer);
      emu.setFaults({});
      expect(r.code, r.stderr).toBe(code);
      // Nothing is left 'running' and the checkpoints parse: the stop was clean.
      const runs = await withDuck(db, (e) => e.query<{ status: string; n: number }>('select status, count(*) as n from hirelake.runs group by status'));
      expect(runs.find((x) => x.status === 'running')).toBeUndefined();
      expect(runs.find((x) => x.status === 'failed')).toBeDefined();
      const rerun = await runMain(['extract', '--config', file]);
      expect(rerun.code, rerun.stderr).toBe(0);
    });
  }

  it('status on a DuckDB file a running extract holds says it waits for the writer, then reads', async () => {
    const { file, dir } = setup('busy');
    emu.setFaults({ slow: { probability: 1, delayMs: 200 } });
    emu.resetStats();
    const writer = runCli(['extract', '--config', file, '--connection', 'acme'], { cwd: dir });
    try {
      while (emu.stats().requests < 2) await new Promise((r) => setTimeout(r, 20));
      const status = runMain(['status', '--config', file, '--json']);
      await new Promise((r) => setTimeout(r, 1_000));
      emu.setFaults({});
      const r = await status;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/waiting for the run holding .*w\.duckdb to finish: DuckDB has one writer, and status reads right after it/);
      expect((await writer).code).toBe(0);
    } finally {
      emu.setFaults({});
      if (writer.child.exitCode === null) writer.child.kill('SIGKILL');
    }
  });

  it('--config - reads the config from stdin (the real binary)', async () => {
    const { file, dir } = setup('stdin');
    const r = await runCli(['status', '--config', '-', '--json'], { cwd: dir, input: readFileSync(file, 'utf8') });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { streams: unknown[] }).streams).toHaveLength(2 * GREENHOUSE_STREAM_COUNT);
  });
});
