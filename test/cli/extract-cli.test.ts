import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { createWorld, customStageMapping, type World } from '../../emulators/world/index.ts';
import { startGreenhouseEmulator, type GreenhouseEmulator } from '../../emulators/greenhouse/index.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { tempDir } from '../helpers/tmp.ts';
import { runCli } from '../helpers/cli.ts';
import { runMain } from '../helpers/in-process.ts';
import { greenhouseConfigObject, latestState, withDuck, writeConfigFile } from '../helpers/pipeline.ts';
import { GREENHOUSE_STREAM_COUNT } from '../helpers/pipeline.ts';

const DAY = 86_400_000;

describe('hirelake extract (the real binary in child processes where a process is the point, else main() in-process)', () => {
  let world: World;
  let emu: GreenhouseEmulator;
  const tmp = tempDir();

  beforeAll(async () => {
    const now = Date.now() - 10 * 60_000;
    // Tiny is enough: five team-specific stage names to infer, and at per_page 5 about two hundred
    // requests, so the kill at 60 lands inside a many-page stream (application_stages).
    world = createWorld({ seed: 21, size: 'tiny', start: now - 200 * DAY, now });
    emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 100_000, windowMs: 30_000 } });
  });
  afterAll(async () => {
    await emu.stop();
    tmp.cleanup();
  });

  const dir = (name: string) => {
    const d = join(tmp.dir, name);
    return d;
  };
  const configFor = (name: string, extra: Record<string, unknown> = {}, target: Parameters<typeof greenhouseConfigObject>[0] = emu) => {
    const { mkdirSync } = require('node:fs') as typeof import('node:fs');
    mkdirSync(dir(name), { recursive: true });
    const db = join(dir(name), 'w.duckdb');
    return { db, file: writeConfigFile(dir(name), greenhouseConfigObject(target, db, { per_page: 5, ...extra })) };
  };

  it('a run killed mid-stream and rerun ends identical to a clean run, without duplicating what the latest views show', async () => {
    const clean = configFor('clean');
    const ok = await runMain(['extract', '--config', clean.file, '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const summary = JSON.parse(ok.stdout) as { ok: boolean; streams: { records: number }[] };
    expect(summary.ok).toBe(true);

    const status = await runMain(['status', '--config', clean.file, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const st = JSON.parse(status.stdout) as { streams: { stream: string; last_status: string; watermark: string | null; records: number; raw_rows: number; freshness_minutes: number }[] };
    expect(st.streams).toHaveLength(GREENHOUSE_STREAM_COUNT);
    for (const s of st.streams) {
      expect(s.last_status).toBe('succeeded');
      expect(s.watermark).not.toBeNull();
      expect(s.records).toBeGreaterThan(0);
      expect(s.raw_rows).toBe(s.records);
      expect(s.freshness_minutes).toBeLessThan(10);
    }

    const crash = configFor('crash');
    emu.resetStats();
    emu.setFaults({ slow: { probability: 1, delayMs: 5 } });
    const run = runCli(['extract', '--config', crash.file]);
    // Kill it hard once it is well into the streams: no chance to clean up (why this run alone is
    // a child process).
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (emu.stats().requests >= 60) {
          clearInterval(t);
          run.child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await run;
    emu.setFaults({});
    const midway = await withDuck(crash.db, async (engine) => new StateStore('hirelake').list(engine));
    expect(midway.some((s) => s.checkpoint.pending !== null)).toBe(true);

    const rerun = await runMain(['extract', '--config', crash.file]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toMatch(/resuming an interrupted window/);
    expect(await withDuck(crash.db, latestState)).toEqual(await withDuck(clean.db, latestState));
  });

  it('a run without stage_mapping infers the team-specific stage names, warns, succeeds, and status lists them with reasons', async () => {
    const cfg = configFor('unmapped', { per_page: 500 });
    const run = await runMain(['run', '--config', cfg.file]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warn: \d+ stage names were mapped by inference/);
    const status = await runMain(['status', '--config', cfg.file, '--json']);
    expect(status.code, status.stderr).toBe(0);
    const st = JSON.parse(status.stdout) as {
      inferred_stages: { stage_name: string; canonical_stage: string; mapping_reason: string }[];
      unmapped_stages: unknown[];
      dropped_records: { reason: string; records: number }[];
    };
    const custom = customStageMapping(world);
    expect(st.inferred_stages.length).toBeGreaterThan(0);
    for (const s of st.inferred_stages) {
      expect(s.canonical_stage, s.stage_name).toBe(custom[s.stage_name]);
      expect(s.mapping_reason).toMatch(/^(keyword|after) "/);
    }
    expect(st.unmapped_stages).toEqual([]);
    expect(st.dropped_records.every((d) => d.records > 0 && !/no known reason/.test(d.reason))).toBe(true);
    const mapped = configFor('mapped', { per_page: 500, stage_mapping: custom });
    expect((await runMain(['run', '--config', mapped.file])).code).toBe(0);
    const after = JSON.parse((await runMain(['status', '--config', mapped.file, '--json'])).stdout) as { inferred_stages: unknown[]; unmapped_stages: unknown[] };
    expect(after.inferred_stages).toEqual([]);
    expect(after.unmapped_stages).toEqual([]);
  });

  it('wrong credentials give one clear error, exit 1, and advance no cursor', async () => {
    const bad = configFor('badcreds', {}, { ...emu, credentials: { ...emu.credentials, client_secret: 'wrong-secret-value' } });
    const r = await runMain(['extract', '--config', bad.file]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/401/);
    expect(errors[0]).toMatch(/invalid_client/);
    expect(r.stderr).not.toContain('wrong-secret-value');
    const states = await withDuck(bad.db, async (engine) => new StateStore('hirelake').list(engine).catch(() => []));
    expect(states.filter((s) => s.checkpoint.watermark !== null)).toEqual([]);
  });

  it('an unreachable host gives one clear error and exit 1', async () => {
    const down = configFor('down', {}, { url: 'http://127.0.0.1:9', tokenUrl: 'http://127.0.0.1:9/token', credentials: emu.credentials });
    const r = await runMain(['extract', '--config', down.file]);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.startsWith('error:'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/127\.0\.0\.1:9/);
    expect(errors[0]).toMatch(/ECONNREFUSED|network/);
  });
});
