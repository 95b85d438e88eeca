import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';

/**
 * Representative core and marts tables, built directly in an engine: every type the models use
 * (timestamptz, double, bigint, integer, boolean, date, numeric, text, json), nulls everywhere,
 * and text that breaks naive CSV/COPY writers.
 */
export const NASTY_TEXT = [
  'plain',
  'a,b',
  'quote " inside',
  '"fully quoted"',
  'line\nbreak',
  'cr\r\nlf',
  'lone\rcr',
  'tab\there',
  'back\\slash',
  '\\.',
  '\\N',
  '',
  'NULL',
  ' leading and trailing ',
  'ünïcödé 日本語 🎉',
  "it's",
  'comma,"both"\n,',
];

type Kind = Engine['kind'];

const TYPES: Record<string, Record<Kind, string>> = {
  text: { duckdb: 'VARCHAR', postgres: 'text' },
  bigint: { duckdb: 'BIGINT', postgres: 'bigint' },
  integer: { duckdb: 'INTEGER', postgres: 'integer' },
  boolean: { duckdb: 'BOOLEAN', postgres: 'boolean' },
  timestamptz: { duckdb: 'TIMESTAMPTZ', postgres: 'timestamptz' },
  double: { duckdb: 'DOUBLE', postgres: 'double precision' },
  numeric: { duckdb: 'DECIMAL(12,2)', postgres: 'numeric(12,2)' },
  date: { duckdb: 'DATE', postgres: 'date' },
  json: { duckdb: 'JSON', postgres: 'jsonb' },
};

export type FixtureType = keyof typeof TYPES;

export const APPLICATIONS: readonly [string, FixtureType][] = [
  ['connection', 'text'],
  ['application_id', 'bigint'],
  ['candidate_id', 'bigint'],
  ['is_prospect', 'boolean'],
  ['source_name', 'text'],
  ['applied_at', 'timestamptz'],
  ['status', 'text'],
  ['score', 'double'],
  ['salary', 'numeric'],
  ['starts_on', 'date'],
  ['tags', 'json'],
  ['hired_at', 'timestamptz'],
  ['stage_order', 'integer'],
];

export const STAGE_VISITS: readonly [string, FixtureType][] = [
  ['connection', 'text'],
  ['visit_id', 'bigint'],
  ['application_id', 'bigint'],
  ['stage_name', 'text'],
  ['entered_at', 'timestamptz'],
  ['exited_at', 'timestamptz'],
  ['days_in_stage', 'double'],
];

export const FUNNEL: readonly [string, FixtureType][] = [
  ['connection', 'text'],
  ['job_id', 'bigint'],
  ['applied_month', 'date'],
  ['canonical_stage', 'text'],
  ['stage_order', 'integer'],
  ['reached', 'bigint'],
  ['conversion_from_previous', 'double'],
];

// Bound as text: DuckDB's binder takes a large integral double for a BIGINT, and both engines parse these.
const DOUBLES = [0.1, 1 / 3, 2.5e-300, 1.7976931348623157e308, -42.125, 0, Number.NaN, Number.POSITIVE_INFINITY];

function applicationRow(i: number): unknown[] {
  const nul = (every: number, v: unknown) => (i % every === every - 1 ? null : v);
  return [
    ['acme', 'globex', 'initech'][i % 3],
    i + 1,
    9_007_199_254_740_000 + i, // near 2^53: precision must survive
    i % 4 === 0,
    nul(5, NASTY_TEXT[i % NASTY_TEXT.length]),
    `2024-02-${String((i % 28) + 1).padStart(2, '0')}T23:59:${String(i % 60).padStart(2, '0')}.${String(123456 + i).padStart(6, '0')}Z`,
    ['active', 'rejected', 'hired'][i % 3],
    nul(6, String(DOUBLES[i % DOUBLES.length])),
    nul(7, `${(i * 1234.56).toFixed(2)}`),
    nul(4, `2025-${String((i % 12) + 1).padStart(2, '0')}-01`),
    nul(3, JSON.stringify({ tags: ['a', NASTY_TEXT[(i + 3) % NASTY_TEXT.length]], n: i, nested: { ok: i % 2 === 0 } })),
    i % 3 === 2 ? `2024-06-01T00:00:00.000001Z` : null,
    nul(8, (i % 5) + 1),
  ];
}

function visitRow(i: number): unknown[] {
  return [
    ['acme', 'globex', 'initech'][i % 3],
    i + 1,
    Math.floor(i / 3) + 1,
    NASTY_TEXT[i % NASTY_TEXT.length],
    `2024-03-01T00:00:00.${String(i).padStart(6, '0')}Z`,
    i % 4 === 3 ? null : `2024-03-${String((i % 20) + 2).padStart(2, '0')}T12:00:00Z`,
    i % 4 === 3 ? null : String((i % 20) + 1.5),
  ];
}

function funnelRow(i: number): unknown[] {
  return [['acme', 'globex'][i % 2], 100 + (i % 4), `2024-${String((i % 12) + 1).padStart(2, '0')}-01`, ['applied', 'screen', 'interview', 'offer', 'hired'][i % 5], (i % 5) + 1, 1000 - i, i % 5 === 0 ? null : String(1 / (i + 1))];
}

export async function createTable(engine: Engine, role: 'core' | 'marts', name: string, columns: readonly [string, FixtureType][]): Promise<void> {
  await engine.exec(`create schema if not exists ${engine.schemas[role]}`);
  await engine.exec(`drop table if exists ${qualified(engine.schemas[role], name)}`);
  await engine.exec(`create table ${qualified(engine.schemas[role], name)} (${columns.map(([c, t]) => `"${c}" ${TYPES[t]![engine.kind]}`).join(', ')})`);
}

export async function insertRows(engine: Engine, role: 'core' | 'marts', name: string, width: number, rows: readonly unknown[][]): Promise<void> {
  const params = Array.from({ length: width }, (_, i) => `$${i + 1}`).join(', ');
  await engine.transaction(async (tx) => {
    for (const r of rows) await tx.exec(`insert into ${qualified(engine.schemas[role], name)} values (${params})`, r);
  });
}

export interface FixtureOptions {
  applications?: number;
  visits?: number;
}

/** core.applications, core.stage_visits, marts.funnel and an empty marts.empty_mart. */
export async function buildFixtureModels(engine: Engine, opts: FixtureOptions = {}): Promise<void> {
  await createTable(engine, 'core', 'applications', APPLICATIONS);
  await insertRows(engine, 'core', 'applications', APPLICATIONS.length, Array.from({ length: opts.applications ?? 40 }, (_, i) => applicationRow(i)));
  await createTable(engine, 'core', 'stage_visits', STAGE_VISITS);
  await insertRows(engine, 'core', 'stage_visits', STAGE_VISITS.length, Array.from({ length: opts.visits ?? 60 }, (_, i) => visitRow(i)));
  await createTable(engine, 'marts', 'funnel', FUNNEL);
  await insertRows(engine, 'marts', 'funnel', FUNNEL.length, Array.from({ length: 25 }, (_, i) => funnelRow(i)));
  await createTable(engine, 'marts', 'empty_mart', FUNNEL);
}

/** A large stage-visit-shaped table generated in SQL, for interruption tests. */
export async function buildLargeVisits(engine: Engine, rows: number, name = 'stage_visits'): Promise<void> {
  await createTable(engine, 'core', name, STAGE_VISITS);
  const t = qualified(engine.schemas.core, name);
  if (engine.kind === 'duckdb') {
    await engine.exec(`insert into ${t} select ['acme','globex','initech'][1 + i % 3], i, i // 5, 'stage ' || (i % 9) || ' "x", y', timestamptz '2024-01-01' + to_seconds(i), timestamptz '2024-01-02' + to_seconds(i), (i % 97) / 7.0 from range(${rows}) r(i)`);
  } else {
    await engine.exec(`insert into ${t} select (array['acme','globex','initech'])[1 + i % 3], i, i / 5, 'stage ' || (i % 9) || ' "x", y', timestamptz '2024-01-01' + i * interval '1 second', timestamptz '2024-01-02' + i * interval '1 second', (i % 97) / 7.0 from generate_series(0, ${rows - 1}) i`);
  }
}
