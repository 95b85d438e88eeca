// The dashboards in a real browser, as a recruiter uses them: Debian's Chromium, headless, driven by
// playwright-core (no browser download). Every page of `serve` and the report file load with no
// console error and no request beyond loopback; changing a filter by keyboard shows the numbers the
// marts give for it; the Diversity page is reached by keyboard and shows its mart; print hides the controls; each page is photographed (HIRELAKE_SCREENSHOTS=docs
// writes the README's pictures, otherwise a temporary folder).
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config/load.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { startDashboard, type RunningDashboard } from '../../src/report/server.ts';
import { parsePeriod } from '../../src/report/period.ts';
import { openReportWarehouse, type ReportWarehouse } from '../../src/report/warehouse.ts';
import { writeReport } from '../../src/cli/commands/report.ts';
import { sources } from '../../extractors/index.ts';
import { build, landWorld } from '../models/harness.ts';
import { tempDir } from '../helpers/tmp.ts';
import { diversityTables, Expect, type Marts, type R } from './expected.ts';

const CHROMIUM = process.env['HIRELAKE_CHROMIUM'] ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const PAGES = ['funnel', 'speed', 'pipeline', 'sources', 'offers'] as const;
const PERIOD = '2024';
const MARTS = ['funnel', 'time_to_hire', 'job_fill', 'pipeline_daily', 'source_funnel', 'offers_monthly', 'stage_durations'] as const;

const tmp = tempDir('hirelake-browser-');
const shots = resolve(process.env['HIRELAKE_SCREENSHOTS'] ?? join(tmp.dir, 'screenshots'));
const db = join(tmp.dir, 'w.duckdb');
const reportFile = join(tmp.dir, 'report.html');

let marts: Marts;
let diversity: R[];
let wh: ReportWarehouse;
let server: RunningDashboard;
let context: BrowserContext;
/** Everything the browser asked for, and every console error or page error. */
const requests: string[] = [];
const errors: string[] = [];

/** Loopback, the report file itself, or inline data: nothing else may be fetched. */
function local(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('about:')) return true;
  if (url.startsWith('file://')) return url === `file://${reportFile}` || url.startsWith(`file://${reportFile}#`);
  const host = new URL(url).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

async function open(url: string): Promise<Page> {
  const page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && errors.push(`${url}: ${m.text()}`));
  page.on('pageerror', (e) => errors.push(`${url}: ${e.message}`));
  await page.goto(url);
  return page;
}

/** A table's body as the texts a person reads. */
async function tableTexts(page: Page, id: string): Promise<string[][]> {
  return page.$$eval(`table[id="${id}"] tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => (c.textContent ?? '').trim())));
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does), or set HIRELAKE_CHROMIUM`);
  mkdirSync(shots, { recursive: true });
  const engine = await DuckDbEngine.open({ path: db });
  try {
    // medium: enough applications per month and department that the pictures show numbers, not "<5";
    // demographics: true for the Diversity page
    const landed = await landWorld(engine, { seed: 12, size: 'medium', days: 365, extra: { demographics: true } });
    await build(engine, landed.config);
    marts = {} as Marts;
    for (const m of MARTS) marts[m] = await engine.query<R>(`select * from ${qualified('marts', m)}`);
    diversity = await engine.query<R>(`select * from ${qualified('marts', 'diversity_funnel')}`);
  } finally {
    await engine.close();
  }
  const config = resolveConfig(
    { warehouse: { engine: 'duckdb', path: db }, connections: [{ name: 'acme', source: 'greenhouse', credentials: { client_id: 'id', client_secret: 'not-a-secret', user_id: '1' } }] },
    join(tmp.dir, 'hirelake.yml'),
    sources,
  );
  await writeReport(config, { out: reportFile, period: PERIOD, connections: ['acme'] });
  wh = await openReportWarehouse(config.warehouse, { connections: ['acme'] });
  server = await startDashboard({ warehouse: wh, connections: ['acme'], minCell: 5, log: silentLogger, host: '127.0.0.1', port: 0 });
  context = await chromium.launchPersistentContext(join(tmp.dir, 'profile'), { executablePath: CHROMIUM, args: FLAGS, headless: true, viewport: { width: 1280, height: 900 } });
  // Anything not local is recorded and refused, so a stray fetch fails the test rather than the network.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    requests.push(url);
    return local(url) ? route.continue() : route.abort();
  });
}, 300_000); // a medium world with its survey answers, landed and built on a machine other tests share

afterAll(async () => {
  await context?.close();
  await server?.close();
  await wh?.close();
  tmp.cleanup();
});

describe('the dashboards in Chromium', () => {
  it.each(PAGES)('serve /%s loads, shows its tables and is photographed', async (id) => {
    const page = await open(`${server.url}/${id}?period=${PERIOD}`);
    expect(await page.locator('h2').first().textContent()).toBe(id[0]!.toUpperCase() + id.slice(1));
    expect(await page.locator('main table').count()).toBeGreaterThan(0);
    expect(await page.locator('figure.chart svg').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, `${id}.png`), fullPage: true });
    await page.close();
  });

  it('changing filters with the keyboard shows the numbers the marts give for them', async () => {
    const page = await open(`${server.url}/funnel?period=${PERIOD}`);
    const all = new Expect(marts, { connection: 'acme', ...period(), split: 'department', stuck: 30 }, 5);
    expect(await tableTexts(page, 'funnel-stages')).toEqual(all.funnelStages());
    // The department with the most applications is picked, then the form is applied from the keyboard.
    const dept = all.funnelSplit()[0]![0]!;
    await page.focus('#f-department');
    await page.selectOption('#f-department', dept);
    await page.keyboard.press('Tab'); // office
    await page.keyboard.press('Tab'); // job
    await page.keyboard.press('Tab'); // period
    await page.keyboard.press('Tab'); // split
    await page.keyboard.press('Tab'); // Apply
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Apply');
    await Promise.all([page.waitForURL(/department=/), page.keyboard.press('Enter')]);
    const one = new Expect(marts, { connection: 'acme', ...period(), split: 'department', stuck: 30, department: dept }, 5);
    const shown = await tableTexts(page, 'funnel-stages');
    expect(shown).toEqual(one.funnelStages());
    expect(shown).not.toEqual(all.funnelStages());
    // and on another page the department stays picked
    await Promise.all([page.waitForURL(/\/sources\?/), page.click('nav a[href^="/sources"]')]);
    expect(await tableTexts(page, 'sources')).toEqual(one.sources());
    await page.close();
  });

  it('every filter control is reachable with Tab', async () => {
    const page = await open(`${server.url}/speed?period=${PERIOD}`);
    const reached = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate<string>("document.activeElement?.id || document.activeElement?.tagName || ''"));
    }
    for (const id of ['f-department', 'f-office', 'f-job', 'f-period', 'f-stuck', 'BUTTON']) expect(reached, id).toContain(id);
    await page.close();
  });

  it('serve /diversity: reached from the nav by keyboard, shows the mart with hidden cells as "suppressed", no console error', async () => {
    const quarter = parsePeriod('2024Q4');
    const page = await open(`${server.url}/funnel?period=${quarter.key}`);
    const before = errors.length;
    let onLink = false;
    for (let i = 0; i < 30 && !onLink; i++) {
      await page.keyboard.press('Tab');
      onLink = (await page.evaluate('document.activeElement?.textContent')) === 'Diversity';
    }
    expect(onLink, 'Tab reaches the Diversity link').toBe(true);
    await Promise.all([page.waitForURL(/\/diversity\?/), page.keyboard.press('Enter')]);
    expect(await page.locator('h2').first().textContent()).toBe('Diversity');
    const expected = diversityTables(diversity, 'acme', quarter.from, quarter.to);
    expect(expected.size).toBe(8); // one table per question in one quarter: four EEO, four of the account's own
    for (const [id, rows] of expected) expect(await tableTexts(page, id), id).toEqual(rows);
    const hidden = [...expected.values()].flat(2).filter((t) => t === 'suppressed').length;
    expect(hidden).toBeGreaterThan(0);
    expect(await page.locator('main td.small', { hasText: 'suppressed' }).count()).toBe(hidden);
    expect(await page.locator('figure.chart svg').count()).toBe(8);
    await page.screenshot({ path: join(shots, 'diversity.png'), fullPage: true });
    // The filters that apply are reachable; department, office and job are not offered here.
    const reached = new Set<string>();
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      reached.add(await page.evaluate<string>("document.activeElement?.id || document.activeElement?.tagName || ''"));
    }
    for (const id of ['f-period', 'BUTTON']) expect(reached, id).toContain(id);
    expect(await page.locator('#f-department').count()).toBe(0);
    expect(errors.slice(before)).toEqual([]);
    await page.close();
  });

  it('the report file opens offline with every page, and prints without the controls', async () => {
    const page = await open(`file://${reportFile}`);
    for (const id of [...PAGES, 'diversity']) expect(await page.locator(`section.page#${id}`).count(), id).toBe(1);
    const all = new Expect(marts, { connection: 'acme', ...period(), split: 'department', stuck: 30 }, 5);
    expect(await tableTexts(page, 'funnel-stages')).toEqual(all.funnelStages());
    await page.screenshot({ path: join(shots, 'report.png') });
    const served = await open(`${server.url}/funnel?period=${PERIOD}`);
    await served.emulateMedia({ media: 'print' });
    expect(await served.locator('form.filters').isVisible()).toBe(false);
    expect(await served.locator('#funnel-stages').isVisible()).toBe(true);
    await served.close();
    await page.close();
  });

  it('asked for nothing beyond loopback and logged no console error', () => {
    expect(requests.length).toBeGreaterThan(PAGES.length);
    expect(requests.filter((u) => !local(u))).toEqual([]);
    expect(errors).toEqual([]);
  });
});

function period(): { from: Date; to: Date } {
  const p = parsePeriod(PERIOD);
  return { from: p.from, to: p.to };
}
