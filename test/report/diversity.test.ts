// The Diversity page: every table equals marts.diversity_funnel (suppressed cells as "suppressed",
// never a number; no rate beside a hidden count; no total), it is listed only for a connection
// with demographics: true, the filters the mart has no dimension for are said not to apply, and
// its numbers come from marts.diversity_funnel alone: the SQL it runs names no other table, the
// DuckDB snapshot holds no other demographic table, and on Postgres it gives the same page with
// every other demographic table and view dropped.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { SmallCells } from '../../src/report/cells.ts';
import type { Filters } from '../../src/report/filters.ts';
import { pageHtml, type PageModel } from '../../src/report/html.ts';
import { loadOptions } from '../../src/report/options.ts';
import { availablePages, PAGE_BUILDERS } from '../../src/report/pages/index.ts';
import { parsePeriod } from '../../src/report/period.ts';
import { buildReport } from '../../src/report/report.ts';
import { dashboardApp } from '../../src/report/server.ts';
import { openReportWarehouse, type ReportDb, type ReportWarehouse } from '../../src/report/warehouse.ts';
import { build, landWorld, landWorlds } from '../models/harness.ts';
import { pgWarehouse, PG_URL } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';
import { diversityTables, type R } from './expected.ts';

const ms = (d: unknown) => (d instanceof Date ? d.getTime() : Date.parse(String(d)));
function expectedTables(mart: readonly R[], connection: string, period: string): Map<string, string[][]> {
  const p = parsePeriod(period);
  return diversityTables(mart, connection, p.from, p.to);
}


const filtersFor = (connection: string, period: string, extra: Partial<Filters> = {}): Filters => ({ connection, period: parsePeriod(period), split: 'department', stuckDays: 30, ...extra });

function tablesOf(model: PageModel): Map<string, string[][]> {
  return new Map(model.sections.flatMap((s) => s.tables).map((t) => [t.id, t.rows.map((r) => r.map((c) => c.text))]));
}

const diversity = (wh: ReportWarehouse, f: Filters) => wh.read((db) => PAGE_BUILDERS.diversity({ db, filters: f, cells: new SmallCells(5) }));

/** A ReportDb that records the SQL it is given. */
function recording(db: ReportDb, log: string[]): ReportDb {
  return { schemas: db.schemas, query: (sql, params) => (log.push(sql), db.query(sql, params)) };
}

/** The relations a statement reads: every name after from or join. */
function relations(sql: string): string[] {
  return [...sql.matchAll(/\b(?:from|join)\s+("?[\w]+"?(?:\."?[\w]+"?)?)/gi)].map((m) => m[1]!.replaceAll('"', ''));
}

describe('the Diversity page on DuckDB (acme with demographics: true, globex without)', () => {
  const tmp = tempDir('hirelake-diversity-page-');
  const path = join(tmp.dir, 'w.duckdb');
  let mart: R[];
  let truth: R[];
  let wh: ReportWarehouse;

  beforeAll(async () => {
    const engine = await DuckDbEngine.open({ path });
    try {
      // tiny, 200 days: three quarters, with counts shown, counts hidden as small and counts hidden
      // by complementary suppression (checked below, so the tests are not vacuous)
      const landed = await landWorlds(engine, [
        { connection: 'acme', seed: 8, size: 'tiny', days: 200, extra: { demographics: true } },
        { connection: 'globex', seed: 9, size: 'tiny', days: 60 },
      ]);
      await build(engine, landed.config);
      mart = await engine.query<R>(`select * from ${qualified(engine.schemas.marts, 'diversity_funnel')}`);
      truth = await engine.query<R>(`select * from ${qualified(engine.schemas.staging, 'int_diversity_funnel')}`);
    } finally {
      await engine.close();
    }
    wh = await openReportWarehouse({ engine: 'duckdb', path, memory_limit: '256MB' }, { connections: ['acme', 'globex'] });
  });
  afterAll(async () => {
    await wh?.close();
    tmp.cleanup();
  });

  it('the world shows every case: shown counts, small counts hidden, larger ones hidden with them, conversions', () => {
    const key = (r: R) => `${r['connection']}|${ms(r['applied_quarter'])}|${r['canonical_stage']}|${r['category']}|${r['answer']}`;
    const trueCount = new Map(truth.map((r) => [key(r), Number(r['reached'])]));
    expect(mart.every((r) => r['connection'] === 'acme')).toBe(true);
    expect(mart.some((r) => !r['suppressed'] && Number(r['reached']) >= 5)).toBe(true);
    expect(mart.some((r) => r['suppressed'] && trueCount.get(key(r))! < 5)).toBe(true);
    expect(mart.some((r) => r['suppressed'] && trueCount.get(key(r))! >= 5)).toBe(true);
    expect(mart.some((r) => r['conversion_from_previous'] !== null)).toBe(true);
  });

  it.each(['2024', '2024Q2', 'all'])('period %s: every table equals marts.diversity_funnel', async (period) => {
    const page = await diversity(wh, filtersFor('acme', period));
    const expected = expectedTables(mart, 'acme', period);
    expect(expected.size).toBeGreaterThan(0);
    expect(tablesOf(page)).toEqual(expected);
    // one section per question, each with a chart of its newest quarter
    // the four EEO questions first, then the account's own question sets (Greenhouse demographics), by wording
    expect(page.sections.map((s) => s.title)).toEqual([
      'Gender',
      'Race / ethnicity',
      'Veteran status',
      'Disability status',
      'Do you identify as lgbtq',
      'How would you describe your racial or ethnic background select all that apply',
      'What is your age range',
      'What is your gender identity',
    ]);
    expect(page.sections.map((s) => s.id)).toContain('diversity-custom-what_is_your_age_range');
    for (const s of page.sections) expect(s.chart).toMatch(/^<svg role="img"/);
  });

  it('a month shows its quarter whole, and says so', async () => {
    const page = await diversity(wh, filtersFor('acme', '2024-05'));
    expect([...tablesOf(page).keys()].every((id) => id.endsWith('-2024Q2'))).toBe(true);
    expect(tablesOf(page)).toEqual(expectedTables(mart, 'acme', '2024Q2'));
    expect(page.lede).toContain('the quarters overlapping May 2024 are shown whole');
  });

  it('a suppressed cell is never a number, no rate stands beside one, and nothing is totalled', async () => {
    const page = await diversity(wh, filtersFor('acme', 'all'));
    const tables = page.sections.flatMap((s) => s.tables);
    let hidden = 0;
    for (const t of tables) {
      expect(t.foot, t.id).toBeUndefined();
      expect(t.head).toEqual(['Answer', 'Applied', 'Screen', 'Interview', 'Offer', 'Hired', 'Applied → Screen', 'Screen → Interview', 'Interview → Offer', 'Offer → Hired']);
      for (const row of t.rows) {
        const reached = row.slice(1, 6);
        const conv = row.slice(6);
        for (const c of reached) {
          if (c.suppressed) {
            hidden++;
            expect(c.value).toBeNull();
            expect(c.text).toBe('suppressed');
          } else expect(c.text).toMatch(/^[\d,]+$/);
        }
        conv.forEach((c, i) => {
          // a rate shows only between two counts that are both shown
          if (/\d/.test(c.text)) expect(reached[i]!.suppressed || reached[i + 1]!.suppressed, `${t.id} ${row[0]!.text}`).toBe(false);
          if (reached[i]!.suppressed || reached[i + 1]!.suppressed) expect(c.text).toBe('suppressed');
        });
      }
      // "Declined to answer" is an answer of its own in every table
      expect(t.rows.map((r) => r[0]!.text)).toContain('Declined to answer');
    }
    expect(hidden).toBe(mart.filter((r) => r['suppressed']).length);
    // and in the HTML every hidden cell reads "suppressed", with why
    const html = pageHtml(page);
    const smallCells = [...html.matchAll(/<td class="num small"[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(smallCells.length).toBeGreaterThanOrEqual(hidden);
    expect(new Set(smallCells)).toEqual(new Set(['suppressed']));
    expect(html).toContain('title="hidden for privacy');
  });

  it('reads marts.diversity_funnel and nothing else', async () => {
    const log: string[] = [];
    await wh.read(async (db) => {
      const rec = recording(db, log);
      await availablePages(rec, 'acme');
      await PAGE_BUILDERS.diversity({ db: rec, filters: filtersFor('acme', 'all', { department: 'Engineering' }), cells: new SmallCells(5) });
    });
    expect(log.length).toBeGreaterThan(1);
    expect(new Set(log.flatMap(relations))).toEqual(new Set(['marts.diversity_funnel', 'information_schema.tables']));
    // The snapshot the pages read holds no demographic table but the suppressed mart.
    const tables = await wh.read((db) => db.query<{ t: string }>(`select table_schema || '.' || table_name as t from information_schema.tables`));
    const names = tables.map((r) => r.t);
    expect(names).toContain('marts.diversity_funnel');
    expect(names.filter((n) => /demographic|diversity|eeo/i.test(n))).toEqual(['marts.diversity_funnel']);
  });

  it('is listed only for the connection with demographics: in the report file and in serve', async () => {
    expect((await wh.read((db) => availablePages(db, 'acme'))).map((p) => p.id)).toContain('diversity');
    expect((await wh.read((db) => availablePages(db, 'globex'))).map((p) => p.id)).not.toContain('diversity');

    const { html, reports } = await buildReport({ warehouse: wh, connections: ['acme', 'globex'], minCell: 5, period: '2024', now: new Date('2024-08-01T00:00:00Z') });
    expect(html).toContain('id="acme-diversity"');
    expect(html).toContain('href="#acme-diversity"');
    expect(html).not.toContain('globex-diversity');
    expect(html).toContain('<table id="acme-diversity-gender-2024Q1"');
    const acme = reports.find((r) => r.filters.connection === 'acme')!.pages.find((p) => p.id === 'diversity')!;
    expect(tablesOf(acme)).toEqual(expectedTables(mart, 'acme', '2024'));

    const app = dashboardApp({ warehouse: wh, connections: ['acme', 'globex'], minCell: 5, log: silentLogger });
    const served = await (await app.request('/funnel?connection=acme&period=2024')).text();
    expect(served).toMatch(/<a href="\/diversity\?connection=acme[^"]*">Diversity<\/a>/);
    const other = await (await app.request('/funnel?connection=globex&period=2024')).text();
    expect(other).not.toContain('/diversity?');
    // asked for directly, a connection without demographics is told how to turn them on
    const off = await app.request('/diversity?connection=globex&period=2024');
    expect(off.status).toBe(200);
    const offHtml = await off.text();
    expect(offHtml).toContain('has no demographic data');
    expect(offHtml).toContain('demographics: true');
    expect(offHtml).not.toContain('<table id="diversity-');
  });

  it('department, office and job do not apply: the same numbers, the page says so, the header offers no such picker', async () => {
    const options = await wh.read((db) => loadOptions(db, 'acme'));
    const department = options.departments[0]!.value;
    const job = options.jobs[0]!.value;
    const plain = await diversity(wh, filtersFor('acme', '2024'));
    const filtered = await diversity(wh, filtersFor('acme', '2024', { department, job }));
    expect(tablesOf(filtered)).toEqual(tablesOf(plain));
    expect(plain.lede).toContain('The diversity view is connection-wide');
    expect(filtered.lede).toContain('The department, job filters set on the other pages do not apply here.');

    const app = dashboardApp({ warehouse: wh, connections: ['acme', 'globex'], minCell: 5, log: silentLogger });
    const html = await (await app.request(`/diversity?connection=acme&period=2024&department=${encodeURIComponent(department)}`)).text();
    expect(html).toContain('connection-wide (department, office and job do not apply)');
    expect(html).not.toContain('id="f-department"');
    expect(html).toContain(`<input type="hidden" name="department" value="${department}">`);
    expect(html).toContain('id="f-period"');
    // back on the funnel, the department is still picked
    expect(html).toMatch(new RegExp(`href="/funnel\\?connection=acme&amp;department=${encodeURIComponent(department).replaceAll('+', '\\+')}`));
  });
});

describe('the Diversity page on Postgres, every other demographic table and view dropped', () => {
  let pg: Awaited<ReturnType<typeof pgWarehouse>>;
  let mart: R[];
  let wh: ReportWarehouse;

  async function dropDemographics(engine: Engine, prefix: string): Promise<string[]> {
    const found = await engine.query<{ s: string; t: string; kind: string }>(
      `select table_schema as s, table_name as t, table_type as kind from information_schema.tables
       where starts_with(table_schema, $1) and (table_name like '%eeo%' or table_name like '%demographic%' or table_name like '%diversity%')`,
      [prefix],
    );
    const dropped: string[] = [];
    for (const r of found) {
      if (r.s === engine.schemas.marts && r.t === 'diversity_funnel') continue;
      await engine.exec(`drop ${r.kind === 'VIEW' ? 'view' : 'table'} if exists ${quoteIdent(r.s)}.${quoteIdent(r.t)} cascade`);
      dropped.push(`${r.s.slice(prefix.length)}.${r.t}`);
    }
    return dropped;
  }

  beforeAll(async () => {
    pg = await pgWarehouse();
    const landed = await landWorld(pg.engine, { seed: 8, size: 'tiny', days: 200, extra: { demographics: true } });
    await build(pg.engine, landed.config);
    mart = await pg.engine.query<R>(`select * from ${qualified(pg.engine.schemas.marts, 'diversity_funnel')}`);
    const dropped = await dropDemographics(pg.engine, pg.prefix);
    expect(dropped).toEqual(expect.arrayContaining(['core.demographic_answers', 'staging.int_diversity_funnel']));
    wh = await openReportWarehouse({ engine: 'postgres', url: PG_URL, schema_prefix: pg.prefix, pool_size: 2 }, { connections: ['acme'] });
  });
  afterAll(async () => {
    await wh?.close();
    await pg?.dispose();
  });

  it('shows the mart as it is', async () => {
    expect(mart.some((r) => r['suppressed']) && mart.some((r) => !r['suppressed'])).toBe(true);
    const page = await diversity(wh, filtersFor('acme', 'all'));
    expect(tablesOf(page)).toEqual(expectedTables(mart, 'acme', 'all'));
    expect((await wh.read((db) => availablePages(db, 'acme'))).map((p) => p.id)).toContain('diversity');
  });
});
