import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { BulkColumn, BulkColumnType, TableRef } from '../engine.ts';
import { isoTimestamp, jsonText } from '../bulk-values.ts';
import { qualified, quoteIdent } from '../identifiers.ts';

/** Big enough that per-write overhead vanishes, small enough to keep memory flat. */
const CHUNK_CHARS = 64 * 1024;

const SPECIAL = /[\\\t\n\r]/;

/** COPY text format: backslash, tab, newline and CR would otherwise end a field, a row, or start an escape. */
export function escapeCopyText(s: string): string {
  if (!SPECIAL.test(s)) return s;
  // Backslashes first, since the other escapes add some. Native replaceAll beats a regex callback
  // several times over, which matters on ~1 KB JSON payloads.
  let out = s.replaceAll('\\', '\\\\');
  if (out.includes('\t')) out = out.replaceAll('\t', '\\t');
  if (out.includes('\n')) out = out.replaceAll('\n', '\\n');
  if (out.includes('\r')) out = out.replaceAll('\r', '\\r');
  return out;
}

/**
 * Postgres text cannot hold NUL (ATS free-text fields occasionally carry one, e.g. pasted résumé
 * text). Rather than fail a whole page, NUL becomes U+FFFD, the Unicode replacement character; JSON
 * gets the same through jsonText.
 */
const withoutNul = (s: string): string => (s.includes('\0') ? s.replaceAll('\0', '\ufffd') : s);

const encoders: Record<BulkColumnType, (v: unknown) => string> = {
  text: (v) => escapeCopyText(withoutNul(String(v))),
  json: (v) => escapeCopyText(jsonText(v)),
  timestamptz: isoTimestamp,
  boolean: (v) => (v ? 't' : 'f'),
  bigint: (v) => BigInt(v as number | string | bigint).toString(),
  integer: (v) => String(Number(v)),
  double: (v) => String(Number(v)),
};

function* copyChunks(columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>, count: { rows: number }): Generator<string> {
  const enc = columns.map((c) => encoders[c.type]);
  let buf = '';
  for (const row of rows) {
    if (row.length !== enc.length) throw new Error(`bulk insert row ${count.rows + 1} has ${row.length} values for ${enc.length} columns`);
    for (let i = 0; i < enc.length; i++) {
      const v = row[i];
      if (i > 0) buf += '\t';
      buf += v === null || v === undefined ? '\\N' : enc[i]!(v);
    }
    buf += '\n';
    count.rows++;
    if (buf.length >= CHUNK_CHARS) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/**
 * Streams rows through `COPY … FROM STDIN` on the caller's client (so inside its transaction).
 * pipeline() waits for 'drain' between chunks and, if encoding throws midway, destroys the COPY
 * stream, which sends CopyFail so the connection stays usable for the ROLLBACK.
 */
export async function copyRows(client: PoolClient, table: TableRef, columns: readonly BulkColumn[], rows: Iterable<readonly unknown[]>): Promise<number> {
  const cols = columns.map((c) => quoteIdent(c.name)).join(', ');
  const stream = client.query(copyFrom(`COPY ${qualified(table.schema, table.table)} (${cols}) FROM STDIN`));
  const count = { rows: 0 };
  await pipeline(Readable.from(copyChunks(columns, rows, count)), stream);
  return count.rows;
}
