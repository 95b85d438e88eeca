// Records per second per vendor against its emulator (out of process): unthrottled, and at the
// vendor's own rate limit for a fixed time slice (a full first sync of a Lever or Workday account
// at ~10 requests/s takes many minutes, so the slice's rate is what is reported).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../src/config/load.ts';
import { newRunId } from '../src/core/ids.ts';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.ts';
import { runExtract } from '../src/extract/run-extract.ts';
import { Redactor } from '../src/http/index.ts';
import { silentLogger } from '../src/log/logger.ts';
import { sources, vendors } from '../extractors/index.ts';
import type { EmulatorKit, RunningEmulator } from '../emulators/shared/kit.ts';
import { serveOutOfProcess, type Served } from './lib.ts';

/** The kit's view of an emulator served out of process (its JSON line). */
function running(vendor: string, served: Served & Record<string, unknown>): RunningEmulator {
  const { url, stop, ...info } = served;
  return { vendor, url, info, stats: () => { throw new Error('stats of an out-of-process emulator are not read'); }, stop };
}
async function once(vendor: string, kit: EmulatorKit, unthrottled: boolean, sliceSeconds: number): Promise<Record<string, unknown>> {
  const served = (await serveOutOfProcess(['--vendor', vendor, '--seed', '9', '--size', 'small', '--rate-limit', unthrottled ? 'none' : 'real'])) as Served & Record<string, unknown>;
  // Unthrottled: hirelake's own pacing off too; at the vendor's limit: hirelake paces itself as in production.
  const conn = kit.connection(running(vendor, served), 'b');
  if (!unthrottled) delete conn['rate_limit'];
  const dir = mkdtempSync(join(tmpdir(), 'hirelake-bench-vendor-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'v.duckdb') });
  try {
    const config = resolveConfig({ warehouse: { engine: 'duckdb', path: join(dir, 'v.duckdb') }, connections: [conn] }, join(dir, 'hirelake.yml'), sources);
    const stop = new AbortController();
    const timer = unthrottled ? undefined : setTimeout(() => stop.abort(), sliceSeconds * 1000);
    const t0 = performance.now();
    const res = await runExtract({ config, sources, engine, runId: newRunId(), log: silentLogger, redactor: new Redactor(), signal: stop.signal });
    clearTimeout(timer);
    const seconds = (performance.now() - t0) / 1000;
    const records = res.streams.reduce((n, s) => n + s.records, 0);
    const requests = res.streams.reduce((n, s) => n + s.requests, 0);
    return {
      vendor,
      mode: unthrottled ? 'unthrottled' : `${kit.realRateLimitNote} (${sliceSeconds} s slice)`,
      complete: res.ok,
      records,
      seconds: Number(seconds.toFixed(1)),
      records_per_s: Math.round(records / seconds),
      requests_per_s: Number((requests / seconds).toFixed(1)),
    };
  } finally {
    await engine.close();
    await served.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchVendors(sliceSeconds = 20): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const [vendor, v] of Object.entries(vendors)) {
    const kit = await v.emulator();
    out.push(await once(vendor, kit, true, sliceSeconds));
    out.push(await once(vendor, kit, false, sliceSeconds));
  }
  return out;
}
