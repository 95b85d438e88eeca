// `hirelake report`: every page for every configured connection (or one) in one self-contained HTML
// file: inline CSS, inline SVG, no script, nothing fetched; openable offline and small enough to mail.
import { SmallCells } from './cells.ts';
import type { Filters } from './filters.ts';
import { escapeHtml, pageHtml, type PageModel } from './html.ts';
import { loadOptions, resolveFilters, type FilterOptions } from './options.ts';
import { availablePages, PAGE_BUILDERS } from './pages/index.ts';
import { footerHtml, loadFooter, type Footer } from './pages/footer.ts';
import { documentHtml, scopeLine } from './site.ts';
import type { ReportWarehouse } from './warehouse.ts';

export interface ReportOptions {
  readonly warehouse: ReportWarehouse;
  /** In the order they appear; each gets its own pages, never a sum across them. */
  readonly connections: readonly string[];
  readonly minCell: number;
  /** `2026Q3`, `2026`, `2026-07`, `2026-01..2026-06`, `all`; default the last full quarter. */
  readonly period?: string;
  /** The clock, for the default period and the freshness ages. */
  readonly now?: Date;
}

export interface ConnectionReport {
  readonly filters: Filters;
  readonly options: FilterOptions;
  /** The pages this connection has (Diversity only with demographic data), in nav order. */
  readonly pages: readonly PageModel[];
  readonly footer: Footer;
}

/** Reads and builds every page of one connection in one read of the warehouse. */
export async function connectionReport(warehouse: ReportWarehouse, connection: string, opts: { minCell: number; period?: string; now: Date }): Promise<ConnectionReport> {
  const cells = new SmallCells(opts.minCell);
  return warehouse.read(async (db) => {
    const options = await loadOptions(db, connection);
    const filters = resolveFilters({ period: opts.period }, connection, options, opts.now);
    const pages: PageModel[] = [];
    for (const p of await availablePages(db, connection)) pages.push(await PAGE_BUILDERS[p.id]({ db, filters, cells }));
    return { filters, options, pages, footer: await loadFooter(db, connection) };
  });
}

export async function buildReport(opts: ReportOptions): Promise<{ html: string; reports: ConnectionReport[] }> {
  const now = opts.now ?? new Date();
  const reports: ConnectionReport[] = [];
  for (const c of opts.connections) reports.push(await connectionReport(opts.warehouse, c, { minCell: opts.minCell, ...(opts.period ? { period: opts.period } : {}), now }));
  const several = reports.length > 1;
  const picker = several
    ? `<nav aria-label="Connections"><ul>${reports.map((r) => `<li><a href="#c-${escapeHtml(r.filters.connection)}">${escapeHtml(r.filters.connection)}</a></li>`).join('')}</ul></nav>`
    : '';
  const articles = reports.map((r) => {
    const prefix = several ? `${r.filters.connection}-` : '';
    const nav = `<nav aria-label="Pages"><ul>${r.pages.map((p) => `<li><a href="#${escapeHtml(prefix + p.id)}">${escapeHtml(p.title)}</a></li>`).join('')}</ul></nav>`;
    return `<article class="connection" id="c-${escapeHtml(r.filters.connection)}" aria-label="Connection ${escapeHtml(r.filters.connection)}">
<p class="scope"><b>${escapeHtml(scopeLine(r.filters, r.options))}</b></p>
${nav}
${r.pages.map((p) => pageHtml(p, prefix)).join('\n')}
${footerHtml(r.footer, { now, minCell: opts.minCell, snapshotAt: opts.warehouse.snapshotAt })}
</article>`;
  });
  const period = reports[0]?.filters.period.label ?? '';
  const body = `<header class="top">
<h1>Recruiting report · ${escapeHtml(period)}</h1>
<p class="scope">Generated ${escapeHtml(now.toISOString().slice(0, 16).replace('T', ' '))} UTC by hirelake from the warehouse's marts. Every connection is reported on its own.</p>
${picker}
</header>
<main>
${articles.join('\n')}
</main>`;
  return { html: documentHtml(`Recruiting report · ${period}`, body), reports };
}
