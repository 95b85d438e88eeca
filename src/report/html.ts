import type { Cell } from './cells.ts';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** A table of a page: the numbers of its chart (or more), readable without hovering. */
export interface Table {
  readonly id: string;
  readonly caption: string;
  readonly head: readonly string[];
  /** The first `labels` columns are labels (left-aligned, row headers); the rest numbers. */
  readonly labels?: number;
  readonly rows: readonly (readonly Cell[])[];
  /** A closing row (totals), set apart. */
  readonly foot?: readonly Cell[];
  readonly empty?: string;
}

export interface Section {
  readonly id: string;
  readonly title: string;
  readonly note?: string;
  /** An SVG string. */
  readonly chart?: string;
  /** The chart above its tables rather than beside them: for tables too wide to share the row. */
  readonly stacked?: boolean;
  readonly tables: readonly Table[];
}

export type PageId = 'funnel' | 'speed' | 'pipeline' | 'sources' | 'offers' | 'diversity';

export interface PageModel {
  readonly id: PageId;
  readonly title: string;
  /** One line saying what is counted and over which rows. */
  readonly lede: string;
  readonly sections: readonly Section[];
}

/** Every page, in nav order; Diversity is listed only where there is demographic data (pages/index.ts). */
export const PAGES: readonly { id: PageId; title: string }[] = [
  { id: 'funnel', title: 'Funnel' },
  { id: 'speed', title: 'Speed' },
  { id: 'pipeline', title: 'Pipeline' },
  { id: 'sources', title: 'Sources' },
  { id: 'offers', title: 'Offers' },
  { id: 'diversity', title: 'Diversity' },
];

function cellHtml(c: Cell, tag: 'td' | 'th', numeric: boolean): string {
  const cls = [numeric ? 'num' : '', c.suppressed ? 'small' : ''].filter(Boolean).join(' ');
  const title = c.suppressed ? ` title="${escapeHtml(c.why ?? 'fewer applications than the small-cell threshold')}"` : '';
  const scope = tag === 'th' ? ' scope="row"' : '';
  return `<${tag}${cls ? ` class="${cls}"` : ''}${title}${scope}>${escapeHtml(c.text)}</${tag}>`;
}

export function tableHtml(t: Table, idPrefix = ''): string {
  const labels = t.labels ?? 1;
  const row = (cells: readonly Cell[]) => cells.map((c, i) => cellHtml(c, i < labels ? 'th' : 'td', i >= labels)).join('');
  const head = t.head.map((h, i) => `<th scope="col"${i >= labels ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const body =
    t.rows.length === 0
      ? `<tr><td colspan="${t.head.length}" class="empty">${escapeHtml(t.empty ?? 'No data for these filters.')}</td></tr>`
      : t.rows.map((r) => `<tr>${row(r)}</tr>`).join('\n');
  const foot = t.foot ? `<tfoot><tr>${row(t.foot)}</tr></tfoot>` : '';
  return `<div class="table-wrap"><table id="${escapeHtml(idPrefix + t.id)}" data-table="${escapeHtml(t.id)}"><caption>${escapeHtml(t.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody>${foot}</table></div>`;
}

export function sectionHtml(s: Section, idPrefix = ''): string {
  const id = escapeHtml(`${idPrefix}s-${s.id}`); // s-: a section and its table may share a name
  const chart = s.chart ? `<figure class="chart">${s.chart}<figcaption>${escapeHtml(s.title)}: chart of the table${s.tables.length > 1 ? 's' : ''} ${s.stacked ? 'below' : 'beside'} it</figcaption></figure>` : '';
  const note = s.note ? `<p class="note">${escapeHtml(s.note)}</p>` : '';
  return `<section class="block" id="${id}" aria-labelledby="${id}-h"><h3 id="${id}-h">${escapeHtml(s.title)}</h3>${note}<div class="${chart ? (s.stacked ? 'stacked' : 'pair') : 'solo'}">${chart}<div class="tables">${s.tables.map((t) => tableHtml(t, idPrefix)).join('\n')}</div></div></section>`;
}

export function pageHtml(p: PageModel, idPrefix = ''): string {
  return `<section class="page" id="${escapeHtml(idPrefix + p.id)}" aria-labelledby="${escapeHtml(idPrefix + p.id)}-title"><h2 id="${escapeHtml(idPrefix + p.id)}-title">${escapeHtml(p.title)}</h2><p class="lede">${escapeHtml(p.lede)}</p>\n${p.sections.map((s) => sectionHtml(s, idPrefix)).join('\n')}</section>`;
}
