import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { createWorld } from '../emulators/world/index.ts';
import { startGreenhouseEmulator } from '../emulators/greenhouse/index.ts';
import { CEILINGS, ratio, runCliJson, serveOutOfProcess } from './lib.ts';
import { spoolCeiling } from './spool-ceiling.ts';
import { sources } from '../extractors/index.ts';
import { LIST_FLAGS } from '../extractors/greenhouse/streams.ts';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.ts';
import { extractInto, greenhouseConfig } from '../test/helpers/pipeline.ts';

function greenhouseYaml(dir: string, target: { url: string; tokenUrl?: string; credentials: Record<string, string> }, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'hirelake.yml');
  writeFileSync(
    file,
    stringify({
      // DuckDB's buffer pool is the one memory knob that scales with the sync; BENCH_DUCK_MEM and
      // BENCH_DUCK_THREADS try others.
      warehouse: {
        engine: 'duckdb',
        path: join(dir, 'bench.duckdb'),
        memory_limit: process.env['BENCH_DUCK_MEM'] ?? '64MB',
        ...(process.env['BENCH_DUCK_THREADS'] ? { threads: Number(process.env['BENCH_DUCK_THREADS']) } : {}),
      },
      connections: [{ name: 'bench', source: 'greenhouse', credentials: target.credentials, base_url: target.url, token_url: target.tokenUrl, per_page: 500, ...extra }],
    }),
  );
  return file;
}

/**
 * Records landed per second against the Greenhouse emulator with no rate limit, the emulator in its
 * own process and hirelake as the real CLI in another, so peak RSS is hirelake's alone.
 */
export async function benchExtractUnthrottled(size = process.env['BENCH_SIZE'] ?? 'large'): Promise<Record<string, unknown>> {
  const served = await serveOutOfProcess(['--vendor', 'greenhouse', '--seed', '7', '--size', size, '--rate-limit', '1000000/30000']);
  const dir = mkdtempSync(join(tmpdir(), 'hirelake-bench-'));
  const memoryLimit = process.env['BENCH_DUCK_MEM'] ?? '64MB';
  try {
    // The ceiling right before the extract, on the same emulator, so both see the same machine load.
    const targets = sources['greenhouse']!.streams.filter((s) => !s.demographics).map((s) => ({ stream: s.name, query: LIST_FLAGS[s.name] ?? {} }));
    const ceiling = await spoolCeiling(served, targets, join(dir, 'ceiling'));
    const { summary } = await runCliJson(['extract', '--config', greenhouseYaml(dir, served)]);
    const records = (summary['streams'] as { records: number }[]).reduce((n, s) => n + s.records, 0);
    const seconds = summary['seconds'] as number;
    const perSec = records / seconds;
    return {
      bench: `extract greenhouse → duckdb (unthrottled, memory_limit ${memoryLimit})`,
      records,
      seconds: Number(seconds.toFixed(1)),
      records_per_s: Math.round(perSec),
      spool_ceiling_records_per_s: Math.round(ceiling.recordsPerSec),
      spool_ceiling_records: ceiling.records,
      vs_spool_ceiling: ratio(perSec, ceiling.recordsPerSec),
      vs_landing_ceiling: ratio(perSec, CEILINGS.landObjectsRecPerSec),
      vs_parse_ceiling: ratio(perSec, CEILINGS.parseRecPerSec),
      peak_rss_mb: summary['peakRssMb'],
    };
  } finally {
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Requests sent per rate-limit window as a share of the limit, with Greenhouse's real 50 per 30 s
 * enforced. Only windows the run spanned completely count: the first starts mid-window and the
 * last ends when the work runs out.
 */
export async function benchExtractRateLimited(limit = 50, windowMs = 30_000): Promise<Record<string, unknown>> {
  const now = Date.now() - 60_000;
  const world = createWorld({ seed: 5, size: 'tiny', start: now - 120 * 86_400_000, now });
  const emu = await startGreenhouseEmulator({ world, rateLimit: { limit, windowMs } });
  const dir = mkdtempSync(join(tmpdir(), 'hirelake-bench-'));
  const path = join(dir, 'rl.duckdb');
  const engine = await DuckDbEngine.open({ path });
  try {
    const started = Date.now();
    const res = await extractInto(engine, greenhouseConfig(emu, path, { per_page: 5 }));
    const ended = Date.now();
    const windows = emu.stats().windows.filter((w) => w.start >= started - 0 && w.start + windowMs <= ended);
    const full = windows.filter((w) => w.start > started);
    const used = full.map((w) => w.count / limit);
    const mean = used.length ? used.reduce((a, b) => a + b, 0) / used.length : NaN;
    return {
      bench: `extract greenhouse at the real rate limit (${limit} per ${windowMs / 1000} s)`,
      ok: res.ok,
      requests: emu.stats().requests,
      rate_limited_429: emu.stats().rateLimited,
      full_windows: full.length,
      requests_per_full_window: full.map((w) => w.count).join(', '),
      limit_used: `${(mean * 100).toFixed(1)}%`,
    };
  } finally {
    await engine.close();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
