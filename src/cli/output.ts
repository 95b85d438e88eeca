/**
 * stdout carries data (tables for people, one JSON document with --json); everything for humans
 * about progress and problems goes to stderr.
 */
export interface Output {
  readonly json: boolean;
  data(value: unknown): void;
  table(rows: readonly Record<string, unknown>[], columns?: readonly string[]): void;
  line(text?: string): void;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().replace('.000Z', 'Z');
  if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2);
  return String(v);
}

export function formatTable(rows: readonly Record<string, unknown>[], columns?: readonly string[]): string {
  const cols = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  if (cols.length === 0) return '(no rows)\n';
  const body = rows.map((r) => cols.map((c) => cell(r[c])));
  const widths = cols.map((c, i) => Math.max(c.length, ...body.map((b) => b[i]!.length)));
  const numeric = cols.map((c) => rows.length > 0 && rows.every((r) => typeof r[c] === 'number' || r[c] == null));
  const fmt = (vals: string[]) => vals.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [fmt([...cols]), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n') + '\n';
}

export function createOutput(json: boolean, write: (s: string) => void = (s) => process.stdout.write(s)): Output {
  return {
    json,
    data: (value) => write(JSON.stringify(value, null, 2) + '\n'),
    table: (rows, columns) => {
      if (!json) write(formatTable(rows, columns));
    },
    line: (text = '') => {
      if (!json) write(text + '\n');
    },
  };
}

/** Peak resident memory of this process so far, for JSON summaries (resourceUsage reports KiB). */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
