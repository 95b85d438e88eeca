// `warehouse: { engine: postgres }` through the CLI: the whole pipeline against the Greenhouse
// emulator, status, and connection failures that name where they tried to connect without ever
// printing the password. `run` and `transform` go through the real binary in a child process (their
// spawned smoke tests); the rest runs main() in-process, where the exit code is main's return value.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, customStageMapping, DAY, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { runCli } from '../helpers/cli.ts';
import { runMain } from '../helpers/in-process.ts';
import { greenhouseConfigObject, writeConfigFile } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';
import { startPasswordRejectingServer } from '../engine/fake-pg-server.ts';
import { PG_URL, pgWarehouse } from '../helpers/postgres.ts';
import { GREENHOUSE_STREAM_COUNT } from '../helpers/pipeline.ts';

const PASSWORD = 'pw-S3cret-never-printed';

describe('hirelake on a Postgres warehouse', () => {
  let world: World;
  let emu: GreenhouseEmulator;
  let wh: Awaited<ReturnType<typeof pgWarehouse>>;
  const tmp = tempDir();

  /** A config file whose warehouse is `url`, given through ${DATABASE_URL} as the README shows. */
  const configFor = (name: string, prefix: string) => {
    const dir = join(tmp.dir, name);
    mkdirSync(dir, { recursive: true });
    const obj = greenhouseConfigObject(emu, join(dir, 'unused.duckdb'), { per_page: 100, stage_mapping: customStageMapping(world) });
    return writeConfigFile(dir, { ...obj, warehouse: { engine: 'postgres', url: '${DATABASE_URL}', schema_prefix: prefix } });
  };

  beforeAll(async () => {
    wh = await pgWarehouse();
    const now = Date.now() - 10 * 60_000;
    world = createWorld({ seed: 61, size: 'tiny', start: now - 150 * DAY, now });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
  });
  afterAll(async () => {
    await emu?.stop();
    await wh?.dispose();
    tmp.cleanup();
  });

  /** The config and environment of the warehouse the first test builds and the BI test reads. */
  let file: string;
  let env: Record<string, string>;

  it('run extracts, transforms and tests with exit 0, into the prefixed schemas; status --json shows every stream', async () => {
    file = configFor('run', wh.prefix);
    // The local cluster trusts loopback logins, so a password in the URL is accepted (and must stay secret).
    const url = new URL(PG_URL);
    url.password = PASSWORD;
    env = { DATABASE_URL: url.href };

    const r = await runCli(['run', '--config', file, '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout) as {
      ok: boolean;
      extract: { ok: boolean; streams: { status: string; records: number }[] };
      transform: { ok: boolean; models: { status: string }[] };
      tests: { ok: boolean; problems: { name: string }[] };
    };
    expect(summary.ok).toBe(true);
    expect(summary.extract.streams).toHaveLength(GREENHOUSE_STREAM_COUNT);
    expect(summary.extract.streams.every((s) => s.status === 'succeeded')).toBe(true);
    expect(summary.transform.ok).toBe(true);
    expect(summary.transform.models.every((m) => m.status === 'succeeded')).toBe(true);
    expect(summary.tests.ok).toBe(true);
    // The world deleted jobs and users that records still name: warnings, not failures.
    for (const p of summary.tests.problems) expect(p.name).toMatch(/^relationships:\w+\.\w+->(jobs\.job_id|users\.user_id)$/);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);

    // Everything landed under the prefix: raw, staging, core, marts and hirelake.
    const schemas = await wh.engine.query<{ nspname: string }>('select nspname from pg_namespace where starts_with(nspname, $1) order by 1', [wh.prefix]);
    expect(schemas.map((s) => s.nspname)).toEqual(['core', 'hirelake', 'marts', 'raw', 'staging'].map((s) => wh.prefix + s));
    const [apps] = await wh.engine.query<{ n: number }>(`select count(*) as n from ${wh.engine.schemas.core}.applications`);
    expect(apps?.n).toBe(world.applications.length);
    const [hires] = await wh.engine.query<{ n: number }>(`select count(*) as n from ${wh.engine.schemas.marts}.time_to_hire`);
    expect(hires?.n).toBe(world.applications.filter((a) => a.status === 'hired' && !a.isProspect).length);

    const status = await runMain(['status', '--config', file, '--json'], { env });
    expect(status.code, status.stderr).toBe(0);
    const st = JSON.parse(status.stdout) as { warehouse: string; streams: { stream: string; last_status: string; watermark: string | null; records: number; raw_rows: number }[] };
    expect(st.warehouse).toBe('postgres');
    expect(st.streams).toHaveLength(GREENHOUSE_STREAM_COUNT);
    for (const s of st.streams) {
      expect(s.last_status, s.stream).toBe('succeeded');
      expect(s.watermark, s.stream).not.toBeNull();
      expect(s.records, s.stream).toBeGreaterThan(0);
      expect(s.raw_rows, s.stream).toBe(s.records);
    }
  });

  it('a read-only BI role set up as the README shows reads core and marts, also after transform swaps in new tables, and nothing else', async () => {
    expect(file, 'needs the warehouse the first test built').toBeDefined();
    const { core, marts, raw } = wh.engine.schemas;
    const reader = `${wh.prefix}bi_reader`;
    const [{ writer } = { writer: '' }] = await wh.engine.query<{ writer: string }>('select current_user as writer');
    // The README's statements, with this warehouse's schema prefix and the role hirelake runs as.
    await wh.engine.exec(`create role ${reader} nologin`);
    try {
      await wh.engine.exec(`grant usage on schema ${core}, ${marts} to ${reader}`);
      await wh.engine.exec(`grant select on all tables in schema ${core}, ${marts} to ${reader}`);
      await wh.engine.exec(`alter default privileges for role ${writer} in schema ${core}, ${marts} grant select on tables to ${reader}`);

      const t = await runCli(['transform', '--config', file], { env });
      expect(t.code, t.stderr).toBe(0);

      const asReader = (sql: string) => wh.engine.transaction(async (tx) => {
        await tx.exec(`set local role ${reader}`);
        return tx.query<{ n: number }>(sql);
      });
      expect((await asReader(`select count(*) as n from ${core}.applications`))[0]?.n).toBe(world.applications.length);
      expect((await asReader(`select count(*) as n from ${marts}.funnel`))[0]?.n).toBeGreaterThan(0);
      await expect(asReader(`select count(*) as n from ${raw}.greenhouse__applications`)).rejects.toThrow(/permission denied/);
      await expect(asReader(`select count(*) as n from ${wh.engine.schemas.meta}.runs`)).rejects.toThrow(/permission denied/);
    } finally {
      await wh.engine.exec(`drop owned by ${reader}`);
      await wh.engine.exec(`drop role ${reader}`);
    }
  });

  it('a wrong password fails with exit 1, naming host and database but never the password', async () => {
    const server = await startPasswordRejectingServer();
    try {
      const file = configFor('badpw', 'unused_');
      const r = await runMain(['run', '--config', file], { env: { DATABASE_URL: `postgres://hl_user:${PASSWORD}@127.0.0.1:${server.port}/hl_warehouse` } });
      expect(r.code).toBe(1);
      const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
      expect(errors, r.stderr).toHaveLength(1);
      expect(errors[0]).toContain(`127.0.0.1:${server.port}/hl_warehouse`);
      expect(errors[0]).toMatch(/password authentication failed/);
      expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    } finally {
      await server.close();
    }
  });

  it('an unreachable server fails with exit 1, naming host and database but never the password', async () => {
    const file = configFor('down', 'unused_');
    const r = await runMain(['extract', '--config', file], { env: { DATABASE_URL: `postgres://hl_user:${PASSWORD}@127.0.0.1:9/hl_warehouse` } });
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors, r.stderr).toHaveLength(1);
    expect(errors[0]).toContain('127.0.0.1:9/hl_warehouse');
    expect(errors[0]).toMatch(/ECONNREFUSED/);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });
});
