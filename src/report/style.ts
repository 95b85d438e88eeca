/** The one stylesheet, inlined in every page and the report file: system fonts only, nothing fetched. */
export const CSS = `
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg: #fff; --band: #f6f8fa; --accent: #0969da; --warn: #9a6700; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.top { padding: 12px 24px; border-bottom: 1px solid var(--line); background: var(--band); }
header.top h1 { font-size: 20px; margin: 0 0 6px; }
header.top .scope { color: var(--muted); margin: 0; }
nav ul { display: flex; flex-wrap: wrap; gap: 4px 14px; margin: 8px 0 0; padding: 0; list-style: none; }
nav a { color: var(--accent); text-decoration: none; padding: 2px 0; }
nav a[aria-current="page"] { color: var(--fg); font-weight: 600; border-bottom: 2px solid var(--accent); }
nav a:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible, button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
form.filters { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin-top: 10px; }
form.filters label { display: flex; flex-direction: column; font-size: 13px; color: var(--muted); }
form.filters select, form.filters input { font: inherit; color: var(--fg); padding: 4px 6px; border: 1px solid var(--line); border-radius: 4px; max-width: 22em; background: #fff; }
form.filters button { font: inherit; padding: 5px 14px; border: 1px solid var(--accent); background: var(--accent); color: #fff; border-radius: 4px; cursor: pointer; }
main { padding: 8px 24px 24px; }
.page h2 { font-size: 22px; margin: 18px 0 4px; }
.lede { color: var(--muted); margin: 0 0 8px; max-width: 70em; }
.block h3 { font-size: 17px; margin: 18px 0 6px; }
.note { color: var(--muted); margin: 0 0 6px; }
.pair { display: grid; grid-template-columns: minmax(300px, 560px) minmax(300px, 1fr); gap: 16px; align-items: start; }
.solo { max-width: 1100px; }
.stacked figure.chart { max-width: 640px; }
.stacked tbody th { white-space: normal; min-width: 12em; }
@media (max-width: 1000px) { .pair { grid-template-columns: 1fr; } }
figure.chart { margin: 0; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: 12px; color: var(--muted); }
.table-wrap { overflow-x: auto; margin-bottom: 12px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; min-width: 50%; }
caption { text-align: left; font-size: 13px; color: var(--muted); padding-bottom: 4px; }
th, td { padding: 3px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid var(--line); font-size: 13px; }
tbody th { font-weight: normal; white-space: nowrap; }
tfoot th, tfoot td { font-weight: 600; border-top: 2px solid var(--line); }
.num { text-align: right; white-space: nowrap; }
thead th.num { white-space: normal; min-width: 4.5em; }
.small { color: var(--muted); font-style: italic; }
td.empty { color: var(--muted); font-style: italic; }
footer.data-footer { margin: 24px; padding-top: 10px; border-top: 1px solid var(--line); color: var(--muted); font-size: 13px; }
footer.data-footer .warn { color: var(--warn); }
footer.data-footer table { margin: 6px 0; }
.error { margin: 24px; padding: 12px 16px; border: 1px solid #cf222e; border-radius: 6px; background: #ffebe9; }
article.connection + article.connection { border-top: 4px solid var(--line); margin-top: 24px; }
@media print {
  body { font-size: 11px; }
  header.top { background: none; }
  form.filters, nav { display: none; }
  .page { break-before: page; }
  .page:first-of-type { break-before: auto; }
  .block, table, figure { break-inside: avoid; }
  .pair { grid-template-columns: 1fr 1fr; }
  a { color: inherit; }
}
`;
