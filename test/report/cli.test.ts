// `hirelake report` and `hirelake serve` as a data team uses them: the report file through main(),
// the server's routes and guards in-process, and one real `serve` process that must not stand in
// the way of the next run and must show what that run changed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { demoCommand } from '../../src/cli/commands/demo.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { dashboardApp } from '../../src/report/server.ts';
import { openReportWarehouse, type ReportWarehouse } from '../../src/report/warehouse.ts';
import { build, landWorlds } from '../models/harness.ts';
import { runCli } from '../helpers/cli.ts';
import { writeConfigFile } from '../helpers/pipeline.ts';
import { tempDir } from '../helpers/tmp.ts';

const tmp = tempDir('hirelake-report-cli-');
const db = join(tmp.dir, 'w.duckdb');
const connection = (name: string) => ({ name, source: 'greenhouse', credentials: { client_id: 'id', client_secret: 'not-a-secret', user_id: '1' } });
/** A config for the shared warehouse; `names` picks which of its connections it knows. */
const configFile = (dir: string, names: string[], extra: Record<string, unknown> = {}) =>
  writeConfigFile(join(tmp.dir, dir), { warehouse: { engine: 'duckdb', path: db }, connections: names.map(connection), ...extra });

/** main() with stdout and stderr captured. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(args), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Applications reached at the first stage, as the funnel table of a page or report shows it. */
function appliedIn(html: string, tableId: string): string {
  const m = new RegExp(`<table id="${tableId}"[^]*?<tbody>\\s*<tr><th[^>]*>Applied</th><td[^>]*>([^<]+)</td>`).exec(html);
  if (!m) throw new Error(`no ${tableId} table with an Applied row`);
  return m[1]!;
}

beforeAll(async () => {
  const { mkdirSync } = await import('node:fs');
  for (const d of ['one', 'both', 'auth']) mkdirSync(join(tmp.dir, d), { recursive: true });
  const engine = await DuckDbEngine.open({ path: db });
  try {
    const landed = await landWorlds(engine, [
      { connection: 'acme', seed: 8, size: 'tiny', days: 160 },
      { connection: 'globex', seed: 9, size: 'tiny', days: 100 },
    ]);
    await build(engine, landed.config);
  } finally {
    await engine.close();
  }
});
afterAll(() => tmp.cleanup());

describe('hirelake report', () => {
  it('writes one self-contained file: every page, no script, nothing fetched, each connection on its own', async () => {
    const out = join(tmp.dir, 'both', 'report.html');
    const res = await cli(['report', '--config', configFile('both', ['acme', 'globex']), '--out', out, '--period', '2024']);
    expect(res.code, res.err).toBe(0);
    expect(res.out.trim()).toBe(out);
    const html = readFileSync(out, 'utf8');
    for (const c of ['acme', 'globex']) for (const p of ['funnel', 'speed', 'pipeline', 'sources', 'offers']) expect(html).toContain(`id="${c}-${p}"`);
    // (the SVG charts' url(#id) are references within the file)
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\((?!#)/i);
    expect(html).not.toMatch(/(src|href|action)="(https?:)?\/\//i);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'`);
    // Never a sum across companies: each connection's funnel is its own marts'.
    const engine = await DuckDbEngine.open({ path: db });
    try {
      for (const c of ['acme', 'globex']) {
        const [row] = await engine.query<{ n: number }>(
          `select sum(reached) as n from marts.funnel where connection = $1 and canonical_stage = 'applied' and applied_month >= date '2024-01-01' and applied_month < date '2025-01-01'`,
          [c],
        );
        expect(appliedIn(html, `${c}-funnel-stages`)).toBe(Number(row!.n).toLocaleString('en-US'));
      }
    } finally {
      await engine.close();
    }
  });

  it('--connection picks one; a bad period or connection is a usage error naming it', async () => {
    const out = join(tmp.dir, 'both', 'one.html');
    const ok = await cli(['report', '--config', configFile('both', ['acme', 'globex']), '--connection', 'globex', '--out', out, '--period', '2024Q1', '--json']);
    expect(ok.code, ok.err).toBe(0);
    expect(JSON.parse(ok.out)).toMatchObject({ command: 'report', file: out, period: '2024Q1' });
    expect(readFileSync(out, 'utf8')).not.toContain('Connection acme');
    const bad = await cli(['report', '--config', configFile('both', ['acme', 'globex']), '--out', out, '--period', '2024Q5']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('period 2024Q5: expected a quarter (2026Q3)');
    const other = await cli(['report', '--config', configFile('one', ['acme']), '--connection', 'globex', '--out', out]);
    expect(other.code).toBe(2);
    expect(other.err).toMatch(/--connection globex: no such connection/);
  });

  it('dashboard.min_cell comes from the config', async () => {
    const out = join(tmp.dir, 'one', 'strict.html');
    const res = await cli(['report', '--config', configFile('one', ['acme'], { dashboard: { min_cell: 11 } }), '--out', out, '--period', 'all']);
    expect(res.code, res.err).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('&lt;11');
    expect(html).not.toContain('&lt;5<');
    const bad = await cli(['report', '--config', configFile('one', ['acme'], { dashboard: { min_cell: 0 } }), '--out', out]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/dashboard\.min_cell/);
  });
});

describe('hirelake serve, in-process', () => {
  let wh: ReportWarehouse;
  const app = (auth?: { username: string; password: string }) => dashboardApp({ warehouse: wh, connections: ['acme'], minCell: 5, log: silentLogger, auth });
  beforeAll(async () => {
    wh = await openReportWarehouse({ engine: 'duckdb', path: db, memory_limit: '256MB' }, { connections: ['acme'] });
  });
  afterAll(() => wh.close());

  it('serves each page with its filters, a strict CSP and no script; / goes to the funnel', async () => {
    const root = await app().request('/?period=2024');
    expect(root.status).toBe(302);
    expect(root.headers.get('location')).toBe('/funnel?period=2024');
    for (const p of ['funnel', 'speed', 'pipeline', 'sources', 'offers']) {
      const res = await app().request(`/${p}?period=2024`);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
      const html = await res.text();
      expect(html).toContain(`<form class="filters" method="get" action="/${p}"`);
      expect(html).not.toMatch(/<script/i);
      expect(html).toContain('footer class="data-footer"');
    }
  });

  it('serves no data it was not configured for, and says what is wrong with a bad filter', async () => {
    const other = await app().request('/funnel?connection=globex');
    expect(other.status).toBe(400);
    expect(await other.text()).toContain('connection globex: not a configured connection; expected one of acme');
    const dept = await app().request('/funnel?department=Nope');
    expect(dept.status).toBe(400);
    expect(await dept.text()).toContain('department Nope: no such department in connection acme');
    const period = await app().request('/speed?stuck=-3');
    expect(period.status).toBe(400);
    expect((await app().request('/admin')).status).toBe(404);
  });

  it('asks for the password when basic auth is set, and serves with it', async () => {
    const auth = { username: 'recruiting', password: 's3cret-pass' };
    expect((await app(auth).request('/funnel')).status).toBe(401);
    const wrong = await app(auth).request('/funnel', { headers: { authorization: `Basic ${Buffer.from('recruiting:nope').toString('base64')}` } });
    expect(wrong.status).toBe(401);
    const ok = await app(auth).request('/funnel?period=2024', { headers: { authorization: `Basic ${Buffer.from('recruiting:s3cret-pass').toString('base64')}` } });
    expect(ok.status).toBe(200);
  });
});

describe('hirelake serve, its own process, and the next run', () => {
  it('binds to loopback, never blocks a run writing the warehouse, and shows what the run changed', async () => {
    const file = configFile('one', ['acme']);
    const server = runCli(['serve', '--config', file, '--port', '0']);
    let out = '';
    let err = '';
    server.child.stdout!.on('data', (d) => (out += d));
    server.child.stderr!.on('data', (d) => (err += d));
    try {
      let url = '';
      for (let i = 0; i < 600 && !url; i++) {
        if (server.child.exitCode !== null) throw new Error(`serve exited ${server.child.exitCode}: ${err}`);
        url = /Dashboards: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
        if (!url) await sleep(50);
      }
      expect(url, err).toMatch(/^http:\/\/127\.0\.0\.1:/);
      const before = await (await fetch(`${url}/funnel?period=2024`)).text();

      // A run's transform while pages are being read: it must succeed, and so must every page.
      const reads = (async () => {
        const codes: number[] = [];
        for (let i = 0; i < 20; i++) codes.push((await fetch(`${url}/pipeline?period=2024`)).status);
        return codes;
      })();
      const transform = await cli(['transform', '--config', file]);
      expect(transform.code, transform.err).toBe(0);
      expect(new Set(await reads)).toEqual(new Set([200]));

      // What the next run writes shows up on the next page load.
      const engine = await DuckDbEngine.open({ path: db });
      let rows: number;
      try {
        const where = `where connection = 'acme' and canonical_stage = 'applied' and applied_month >= date '2024-01-01' and applied_month < date '2025-01-01'`;
        rows = Number((await engine.query<{ n: number }>(`select count(*) as n from marts.funnel ${where}`))[0]!.n);
        await engine.exec(`update marts.funnel set reached = reached + 1000 ${where}`);
      } finally {
        await engine.close();
      }
      expect(rows).toBeGreaterThan(0);
      const after = await (await fetch(`${url}/funnel?period=2024`)).text();
      const n = (html: string) => Number(appliedIn(html, 'funnel-stages').replaceAll(',', ''));
      expect(n(after)).toBe(n(before) + 1000 * rows);
    } finally {
      server.child.kill('SIGTERM');
    }
    const res = await server;
    expect(res.code, res.stderr).toBe(0);
  });
});

describe('hirelake demo --serve, and a warehouse that is not there', () => {
  it('demo --serve keeps serving the dashboards of the run until told to stop', async () => {
    const dir = join(tmp.dir, 'demo');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    let stop!: () => void;
    const until = new Promise<void>((r) => (stop = r));
    let out = '';
    const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const running = demoCommand({ path: join(dir, 'demo.duckdb'), seed: 42, json: false, report: join(dir, 'demo-report.html'), serve: { host: '127.0.0.1', port: 0, until } });
      let url = '';
      for (let i = 0; i < 1200 && !url; i++) {
        url = /Dashboards: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)?.[1] ?? '';
        if (!url) await sleep(50);
      }
      expect(out).toContain(`Report: ${join(dir, 'demo-report.html')}`);
      expect(existsSync(join(dir, 'demo-report.html'))).toBe(true);
      for (const p of ['funnel', 'speed', 'pipeline', 'sources', 'offers']) expect((await fetch(`${url}/${p}?period=all`)).status, p).toBe(200);
      stop();
      expect(await running).toBe(0);
    } finally {
      stop();
      o.mockRestore();
      e.mockRestore();
    }
  });

  it('report and serve say which warehouse is missing or not built yet', async () => {
    const dir = join(tmp.dir, 'missing');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    const file = writeConfigFile(dir, { warehouse: { engine: 'duckdb', path: './nowhere.duckdb' }, connections: [connection('acme')] });
    const res = await cli(['serve', '--config', file, '--port', '0']);
    expect(res.code).toBe(1);
    expect(res.err).toContain(`error: no DuckDB warehouse at ${join(dir, 'nowhere.duckdb')}`);
    const empty = join(dir, 'empty.duckdb');
    await (await DuckDbEngine.open({ path: empty })).close();
    const built = await cli(['report', '--config', writeConfigFile(dir, { warehouse: { engine: 'duckdb', path: empty }, connections: [connection('acme')] }), '--out', join(dir, 'r.html')]);
    expect(built.code).toBe(1);
    expect(built.err).toMatch(/has no marts\.funnel, .*hirelake transform/);
    expect(built.err).toContain('hint: run `hirelake run`');
  });
});
