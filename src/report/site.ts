// The HTML around the pages: one document shell (inline CSS, no script, a CSP that forbids fetching
// anything), the serve header with its page links, connection picker and filter form, and the
// report file's header. Pages themselves come from html.ts.
import { NONE, SPLITS, type Filters } from './filters.ts';
import { escapeHtml, type PageId } from './html.ts';
import type { Choice, FilterOptions } from './options.ts';
import { periodChoices } from './period.ts';
import { CSS } from './style.ts';
import { jobLabel, NO_DEPARTMENT, NO_OFFICE, SPLIT_TITLES } from './pages/common.ts';

/** Nothing may load from anywhere: no script at all, styles only inline, images only inline. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'";
/** The same as the HTTP header of `serve`, which may also forbid framing (a meta tag may not). */
export const CONTENT_SECURITY_POLICY = `${PAGE_POLICY}; frame-ancestors 'none'`;

export function documentHtml(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${PAGE_POLICY}">
<meta name="generator" content="hirelake">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;
}

/** The query string that keeps the current filters (and sets some) on a link. */
export function queryOf(f: Filters, set: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set('connection', f.connection);
  if (f.department !== undefined) q.set('department', f.department);
  if (f.office !== undefined) q.set('office', f.office);
  if (f.job !== undefined) q.set('job', f.job);
  q.set('period', f.period.key);
  for (const [k, v] of Object.entries(set)) q.set(k, v);
  return q.toString();
}

function select(name: string, labelText: string, all: string | null, choices: readonly Choice[], current: string | undefined): string {
  const opts = [
    ...(all === null ? [] : [`<option value=""${current === undefined ? ' selected' : ''}>${escapeHtml(all)}</option>`]),
    ...choices.map((c) => `<option value="${escapeHtml(c.value)}"${c.value === current ? ' selected' : ''}>${escapeHtml(c.label)}</option>`),
  ];
  return `<label>${escapeHtml(labelText)}<select name="${name}" id="f-${name}">${opts.join('')}</select></label>`;
}

/** In words, what the page is filtered to. */
export function scopeLine(f: Filters, options: FilterOptions | null): string {
  const name = (choices: readonly Choice[] | undefined, v: string | undefined, none: string) =>
    v === undefined ? null : v === NONE ? none : (choices?.find((c) => c.value === v)?.label ?? v);
  const parts = [
    `Connection ${f.connection}`,
    f.period.label,
    name(options?.departments, f.department, NO_DEPARTMENT) ?? 'all departments',
    name(options?.offices, f.office, NO_OFFICE) ?? 'all offices',
    name(options?.jobs, f.job, jobLabel(null, null)) ?? 'all jobs',
  ];
  return parts.join(' · ');
}

export interface ServeHeader {
  readonly page: PageId;
  /** The pages the connection has, in nav order (Diversity only with demographic data). */
  readonly pages: readonly { id: PageId; title: string }[];
  readonly filters: Filters;
  readonly options: FilterOptions;
  readonly connections: readonly string[];
}

export function serveHeaderHtml(h: ServeHeader): string {
  const f = h.filters;
  const pages = h.pages.map(
    (p) => `<li><a href="/${p.id}?${escapeHtml(queryOf(f, p.id === 'funnel' ? { split: f.split } : p.id === 'speed' ? { stuck: String(f.stuckDays) } : {}))}"${p.id === h.page ? ' aria-current="page"' : ''}>${escapeHtml(p.title)}</a></li>`,
  ).join('');
  // Switching company starts from its own defaults: another company's departments mean nothing there.
  const picker =
    h.connections.length > 1
      ? `<nav aria-label="Connection"><ul class="connections">${h.connections
          .map((c) => `<li><a href="/${h.page}?connection=${encodeURIComponent(c)}&amp;period=${encodeURIComponent(f.period.key)}"${c === f.connection ? ' aria-current="page"' : ''}>${escapeHtml(c)}</a></li>`)
          .join('')}</ul></nav>`
      : '';
  const periods = periodChoices(h.options.firstMonth, h.options.lastMonth).map((p) => ({ value: p.key, label: p.label }));
  if (!periods.some((p) => p.value === f.period.key)) periods.unshift({ value: f.period.key, label: f.period.label });
  const extra =
    h.page === 'funnel'
      ? select('split', 'Split by', null, SPLITS.map((s) => ({ value: s, label: SPLIT_TITLES[s] })), f.split)
      : h.page === 'speed'
        ? `<label>Stuck after (days)<input type="number" name="stuck" id="f-stuck" min="1" max="3650" value="${f.stuckDays}"></label>`
        : '';
  // marts.diversity_funnel has no department, office or job: there those pickers would filter
  // nothing, so they are left out (their values kept for the other pages) and the scope says so.
  const connectionWide = h.page === 'diversity';
  const hidden = (name: string, v: string | undefined) => (v === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(v)}">`);
  const dims = connectionWide
    ? `${hidden('department', f.department)}${hidden('office', f.office)}${hidden('job', f.job)}`
    : `${select('department', 'Department', 'All departments', h.options.departments, f.department)}
${select('office', 'Office', 'All offices', h.options.offices, f.office)}
${select('job', 'Job', 'All jobs', h.options.jobs, f.job)}`;
  const scope = connectionWide ? `Connection ${f.connection} · ${f.period.label} · connection-wide (department, office and job do not apply)` : scopeLine(f, h.options);
  return `<header class="top">
<h1>Recruiting dashboards</h1>
<p class="scope">${escapeHtml(scope)}</p>
${picker}
<nav aria-label="Pages"><ul class="pages">${pages}</ul></nav>
<form class="filters" method="get" action="/${h.page}" aria-label="Filters">
<input type="hidden" name="connection" value="${escapeHtml(f.connection)}">
${dims}
${select('period', 'Period', null, periods, f.period.key)}
${extra}
<button type="submit">Apply</button>
</form>
</header>`;
}

export function errorHtml(title: string, message: string, hint?: string): string {
  return documentHtml(
    title,
    `<header class="top"><h1>Recruiting dashboards</h1><nav aria-label="Pages"><a href="/">Start again</a></nav></header><div class="error" role="alert"><p><b>${escapeHtml(title)}</b>: ${escapeHtml(message)}</p>${hint ? `<p>${escapeHtml(hint)}</p>` : ''}</div>`,
  );
}
