import type { BulkColumn, TableRef } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';

/** Strings that break naive COPY/CSV encoders: field and row separators, escapes, the null marker. */
export const NASTY = [
  'plain',
  'tab\there',
  'new\nline',
  'crlf\r\nend',
  'lone\rcr',
  'back\\slash',
  '\\N',
  '\\',
  'trailing\\',
  '\\t is not a tab',
  `quotes ' and " and \`ticks\``,
  'NULL',
  'null',
  '',
  '  padded  ',
  'comma,semi;pipe|',
  'unicode é ✓ 𝄞 中文 🙂',
  'control \u0001 \u001f chars',
  'line\u2028separator',
  '{"looks":"like json"}',
  'x'.repeat(5_000) + '\\\t\n',
];

export const bulkColumns: BulkColumn[] = [
  { name: 'id', type: 'bigint' },
  { name: 't', type: 'text' },
  { name: 'j', type: 'json' },
  { name: 'ts', type: 'timestamptz' },
  { name: 'b', type: 'boolean' },
  { name: 'big', type: 'bigint' },
  { name: 'i', type: 'integer' },
  { name: 'd', type: 'double' },
];

export function bulkTableSql(table: TableRef, jsonType: string): string {
  return `create table ${qualified(table.schema, table.table)} (id bigint, t text, j ${jsonType}, ts timestamptz, b boolean, big bigint, i integer, d double precision)`;
}

const nasty = (i: number): string => NASTY[i % NASTY.length]!;
const BASE = Date.UTC(2024, 0, 1);

function text(i: number): string | null {
  return i % 7 === 3 ? null : nasty(i) + (i % 5 === 0 ? ` #${i}` : '');
}

function json(i: number): Record<string, unknown> | null {
  if (i % 11 === 5) return null;
  return {
    id: i,
    s: nasty(i * 3),
    nested: { arr: [nasty(i + 1), i / 4, null, i % 2 === 0], 'key\twith "odd"\\chars\n': nasty(i + 2) },
    unicode: '🙂 中文 é \u00e9',
    escaped: '\u0001\u001f\b\f',
    big: 1e21,
    neg: -0.5,
  };
}

function timestamp(i: number): Date | null {
  return i % 13 === 7 ? null : new Date(BASE + i * 61_001);
}

function big(i: number): { input: bigint | number | string; expected: number | string } | null {
  if (i % 19 === 0) return null;
  if (i % 19 === 1) return { input: 9223372036854775807n, expected: '9223372036854775807' };
  if (i % 19 === 2) return { input: -9007199254740993n, expected: '-9007199254740993' };
  const v = i * 1_000_003;
  return { input: i % 3 === 0 ? BigInt(v) : i % 3 === 1 ? v : String(v), expected: v };
}

function double(i: number): number | null {
  if (i % 29 === 0) return null;
  if (i % 29 === 1) return Number.NaN;
  if (i % 29 === 2) return Number.POSITIVE_INFINITY;
  if (i % 29 === 3) return Number.NEGATIVE_INFINITY;
  return i / 7;
}

/** Row `i` as handed to bulkInsert; inputs vary in shape (Date, ISO text, epoch ms; object or JSON text). */
export function* makeBulkRows(count: number): Generator<readonly unknown[]> {
  for (let i = 0; i < count; i++) {
    const j = json(i);
    const ts = timestamp(i);
    yield [
      i,
      text(i),
      j && i % 3 === 0 ? JSON.stringify(j) : j,
      ts && i % 4 === 1 ? ts.toISOString() : ts && i % 4 === 2 ? ts.getTime() : ts,
      i % 17 === 0 ? null : i % 2 === 0,
      big(i)?.input ?? (i % 2 === 0 ? null : undefined),
      i % 23 === 0 ? null : i - 5_000,
      double(i),
    ];
  }
}

/** Row `i` as read back, with the JSON column parsed. */
export function expectedBulkRow(i: number): Record<string, unknown> {
  return {
    id: i,
    t: text(i),
    j: json(i),
    ts: timestamp(i),
    b: i % 17 === 0 ? null : i % 2 === 0,
    big: big(i)?.expected ?? null,
    i: i % 23 === 0 ? null : i - 5_000,
    d: double(i),
  };
}
