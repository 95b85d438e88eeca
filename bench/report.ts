// What the dashboards cost on a 100k-application account (DuckDB): how long `hirelake report` takes
// and how big its file is, how long the warehouse file is held for the snapshot (what a run starting
// meanwhile waits), and how long `serve` takes to answer each page (HTTP, and a full load in
// Chromium when it is installed).
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createWorld, customStageMapping, recordCounts } from '../emulators/world/index.ts';
import { sources } from '../extractors/index.ts';
import { resolveConfig } from '../src/config/load.ts';
import { DuckDbEngine } from '../src/engine/duckdb/duckdb-engine.ts';
import { silentLogger } from '../src/log/logger.ts';
import { writeReport } from '../src/cli/commands/report.ts';
import { startDashboard } from '../src/report/server.ts';
import { openReportWarehouse } from '../src/report/warehouse.ts';
import { buildModels } from '../transforms/index.ts';
import { tempDir } from '../test/helpers/tmp.ts';
import { land } from './transform.ts';

const SIZE = { jobs: 760, applicationsPerJob: 220 }; // ≈110k applications, as the transform bench
const PAGES = ['funnel', 'speed', 'pipeline', 'sources', 'offers'];
const CHROMIUM = process.env['HIRELAKE_CHROMIUM'] ?? '/usr/bin/chromium';
const seconds = (t0: number) => Number(((performance.now() - t0) / 1000).toFixed(2));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return Math.round(performance.now() - t0);
}

/** Full page loads (navigation to the load event) in headless Chromium, median of 3 per page. */
async function browserLoads(url: string, dir: string): Promise<Record<string, number> | string> {
  if (!existsSync(CHROMIUM)) return `no Chromium at ${CHROMIUM}`;
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM, headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    const out: Record<string, number> = {};
    for (const p of PAGES) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) runs.push(await timeMs(() => page.goto(`${url}/${p}?period=2025Q2`, { waitUntil: 'load' })));
      out[p] = median(runs);
    }
    return out;
  } finally {
    await context.close();
  }
}

export async function benchReport(): Promise<Record<string, unknown>> {
  const tmp = tempDir('hirelake-bench-report-');
  try {
    const path = join(tmp.dir, 'bench.duckdb');
    const world = createWorld({ seed: 20, size: SIZE, start: Date.parse('2024-01-01T00:00:00Z'), now: Date.parse('2025-07-01T00:00:00Z') });
    const engine = await DuckDbEngine.open({ path, memoryLimit: '512MB' });
    try {
      await land(engine, world);
      const built = await buildModels({ engine, config: { connections: [{ name: 'bench', source: 'greenhouse', stage_mapping: customStageMapping(world) }], models: { include_pii: false } }, log: silentLogger, runId: 'bench' });
      if (!built.ok) throw new Error('transform failed');
    } finally {
      await engine.close();
    }
    const config = resolveConfig(
      { warehouse: { engine: 'duckdb', path }, connections: [{ name: 'bench', source: 'greenhouse', credentials: { client_id: 'id', client_secret: 'bench-secret', user_id: '1' } }] },
      join(tmp.dir, 'hirelake.yml'),
      sources,
    );
    const out: Record<string, unknown> = { applications: recordCounts(world).applications, warehouseMb: Math.round(statSync(path).size / 1024 / 1024) };

    // The file is held only while the marts are copied into memory: a run starting then waits this long.
    const holds: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const wh = await openReportWarehouse(config.warehouse, { connections: ['bench'] });
      holds.push(Math.round(performance.now() - t0));
      await wh.close();
    }
    out['snapshotMs'] = median(holds);

    for (const period of ['2025Q2', 'all']) {
      const runs: { s: number; bytes: number }[] = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        const r = await writeReport(config, { out: join(tmp.dir, `report-${period}.html`), period, connections: ['bench'] });
        runs.push({ s: seconds(t0), bytes: r.bytes });
      }
      out[`report_${period}_seconds`] = median(runs.map((r) => r.s));
      out[`report_${period}_kb`] = Math.round(runs[0]!.bytes / 1024);
    }

    const wh = await openReportWarehouse(config.warehouse, { connections: ['bench'] });
    const server = await startDashboard({ warehouse: wh, connections: ['bench'], minCell: 5, log: silentLogger, host: '127.0.0.1', port: 0 });
    try {
      const http: Record<string, number> = {};
      for (const p of PAGES) {
        await fetch(`${server.url}/${p}?period=2025Q2`).then((r) => r.text()); // warm
        const runs: number[] = [];
        for (let i = 0; i < 5; i++) runs.push(await timeMs(() => fetch(`${server.url}/${p}?period=2025Q2`).then((r) => r.text())));
        http[p] = median(runs);
      }
      out['serveHttpMs'] = http;
      out['serveBrowserLoadMs'] = await browserLoads(server.url, tmp.dir);
    } finally {
      await server.close();
      await wh.close();
    }
    return out;
  } finally {
    tmp.cleanup();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchReport(), null, 2));
}
