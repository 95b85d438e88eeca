import type { ModelDoc } from './docs.ts';

const OPTION = /^--\s*[a-z_]+\s*:\s*\S+\s*$/;
const NAMED = /^--(\s+)([a-z_][a-z0-9_]*(?:\s*\/\s*[a-z_][a-z0-9_]*)*)\s*:\s+(.*)$/;
const TITLE = /^[a-z_]+\.[a-z_][a-z0-9_]*:\s*/;

/**
 * Reads the comment block a model file starts with, the convention of sql/:
 *   -- marts.funnel: one row per connection, job, …          ← the table
 *   --   reached: applications whose furthest stage is …     ← a column (indented, a real column name)
 *   --     stages count as passed; …                         ← continues the line above
 * A line continues the note above it when that one did not end a sentence or it is indented
 * deeper; `--   a / b: text` documents both columns.
 */
export function headerDocs(body: string, columns: readonly string[]): ModelDoc {
  const known = new Set(columns);
  const table: string[] = [];
  const docs: Record<string, string> = {};
  let open: string[] | null = null; // columns of the note being continued; [] for table prose
  let previous = '';
  for (const raw of body.split('\n')) {
    if (!raw.startsWith('--')) break;
    const line = raw.trimEnd();
    if (OPTION.test(line) && !TITLE.test(line.replace(/^--\s*/, ''))) continue; // `-- materialized: view`
    const text = line.replace(/^--\s*/, '');
    const indent = /^--(\s*)/.exec(line)![1]!.length;
    const named = NAMED.exec(line);
    const names = named ? named[2]!.split('/').map((n) => n.trim()) : [];
    if (named && indent >= 3 && names.every((n) => known.has(n))) {
      open = names;
      for (const n of names) docs[n] = named[3]!;
    } else if (open !== null && indent >= 3 && (indent > 3 || !/[.!?]\)?$/.test(previous))) {
      if (open.length === 0) table.push(text);
      for (const n of open) docs[n] += ` ${text}`;
    } else {
      open = [];
      table.push(text);
    }
    previous = text;
  }
  const description = table.join(' ').replace(TITLE, '').trim();
  return { ...(description ? { description } : {}), columns: docs };
}
