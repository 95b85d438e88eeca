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
import { sources } from '../extractors/index.ts';
import { serveOutOfProcess, type Served } from './lib.ts';

type Vendor = 'greenhouse' | 'lever' | 'workday';

/** The emulator's own limit when serving "at the vendor's rate limit". */
const VENDOR_LIMIT: Record<Vendor, string> = { greenhouse: '50/30000', lever: '10/20', workday: '10/1000' };

function connection(vendor: Vendor, s: Served & Record<string, unknown>, unthrottled: boolean): Record<string, unknown> {
  const cap = unthrottled ? { rate_limit: { requests: 1_000_000, per_seconds: 1 } } : {};
  if (vendor === 'greenhouse') return { name: 'b', source: vendor, credentials: s.credentials, base_url: s.url, token_url: s.tokenUrl, ...cap };
  if (vendor === 'lever') return { name: 'b', source: vendor, credentials: s.credentials, base_url: s.url, ...cap };
  return { name: 'b', source: vendor, host: 'wd2-impl-services1.workday.com', tenant: s['tenant'], credentials: s.credentials, base_url: s.url, ...cap };
}

async function once(vendor: Vendor, unthrottled: boolean, sliceSeconds: number): Promise<Record<string, unknown>> {
  const served = (await serveOutOfProcess(['--vendor', vendor, '--seed', '9', '--size', 'small', '--rate-limit', unthrottled ? '1000000/1000000' : VENDOR_LIMIT[vendor]])) as Served & Record<string, unknown>;
  const dir = mkdtempSync(join(tmpdir(), 'hirelake-bench-vendor-'));
  const engine = await DuckDbEngine.open({ path: join(dir, 'v.duckdb') });
  try {
    const config = resolveConfig({ warehouse: { engine: 'duckdb', path: join(dir, 'v.duckdb') }, connections: [connection(vendor, served, unthrottled)] }, join(dir, 'hirelake.yml'), sources);
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
      mode: unthrottled ? 'unthrottled' : `vendor limit ${VENDOR_LIMIT[vendor]} (${sliceSeconds} s slice)`,
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
  for (const vendor of ['greenhouse', 'lever', 'workday'] as const) {
    out.push(await once(vendor, true, sliceSeconds));
    out.push(await once(vendor, false, sliceSeconds));
  }
  return out;
}
