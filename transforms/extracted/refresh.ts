import type { Engine, EngineTx, SqlRunner } from '../../src/engine/engine.ts';
import { qualified, quoteIdent } from '../../src/engine/identifiers.ts';
import { RAW_COLUMN_LIST, rankedVersions, type SqlDialect } from '../dialects/dialect.ts';
import { analyzeTable } from '../dialects/index.ts';
import { payloadArraySql, payloadEntriesSql } from '../dialects/payload-array.ts';
import { columnFields, signature, type ExtractedTable } from './spec.ts';
import { markerNow, unreadNow, unreadRows, unreadWhere, usableMarker, windowStart, type UnreadState } from './unread.ts';

/** What the refresh of one raw stream's tables did. */
export interface RefreshResult {
  readonly stream: string;
  readonly tables: readonly string[];
  readonly mode: 'full' | 'incremental' | 'unchanged';
  /** Records whose latest version changed (incremental), or rows built (full). */
  readonly changed: number;
  /** Raw versions an incremental refresh read (the unread ones, and on Postgres without a usable marker its late-landing margin). */
  readonly read: number;
  readonly seconds: number;
  /** The tables' version before this refresh (what a model built from them then recorded). */
  readonly from?: string;
  /**
   * Incremental with a latest table: the table holding the changed records' latest rows as they
   * were and as they are now (changesTable), so a model rebuilt per key finds the keys they touch.
   */
  readonly changes?: string;
}

/** The changed records' old and new latest rows of a stream (see RefreshResult.changes). */
export const changesTable = (vendor: string, stream: string): string => `_hl_changes__${vendor}__${stream}`;

interface StateRow {
  name: string;
  signature: string;
  watermark: Date | null;
  version: string;
  /**
   * The versions the next refresh would read (unread.ts), counted as this refresh left them: the
   * same count at the next build means nothing landed since (the raw zone is append-only, and what
   * deletes from it invalidates this state), so the stream is skipped without a transaction.
   */
  unread_rows: number | null;
  /** The transaction marker the refresh started at (Postgres), else null. */
  landing_marker: string | null;
}

/** The state table: per extracted table, the fields it holds, how far it has read, its version. */
export async function ensureExtractedState(db: SqlRunner, meta: string): Promise<void> {
  await db.exec(`create table if not exists ${qualified(meta, 'extracted_state')} (
    name text not null,
    signature text not null,
    watermark timestamptz,
    version text not null
  )`);
  // Added after the table first shipped: an older state table gains them (null: set by the next
  // refresh). Looked up first, as an ALTER on Postgres locks the table even when it changes nothing.
  const has = await db.query<{ c: string }>(`select column_name as c from information_schema.columns where table_schema = $1 and table_name = 'extracted_state'`, [meta]);
  for (const [column, type] of [['unread_rows', 'bigint'], ['landing_marker', 'text']] as const) {
    if (!has.some((r) => r.c === column)) await db.exec(`alter table ${qualified(meta, 'extracted_state')} add column if not exists ${column} ${type}`);
  }
}

export async function readExtractedState(db: SqlRunner, meta: string): Promise<Map<string, StateRow>> {
  const rows = await db.query<StateRow>(`select name, signature, watermark, version, unread_rows, landing_marker from ${qualified(meta, 'extracted_state')}`);
  return new Map(rows.map((r) => [r.name, { ...r, unread_rows: r.unread_rows === null ? null : Number(r.unread_rows) }]));
}

/** One stream's tables' state rows, replaced in two statements (each costs a round trip and a plan). */
async function writeStates(tx: EngineTx, meta: string, rows: readonly StateRow[]): Promise<void> {
  const t = qualified(meta, 'extracted_state');
  await tx.exec(`delete from ${t} where name in (${rows.map((_, i) => `$${i + 1}`).join(', ')})`, rows.map((r) => r.name));
  const values = rows.map((_, i) => `(${[1, 2, 3, 4, 5, 6].map((j) => `$${i * 6 + j}`).join(', ')})`).join(', ');
  await tx.exec(
    `insert into ${t} (name, signature, watermark, version, unread_rows, landing_marker) values ${values}`,
    rows.flatMap((r) => [r.name, r.signature, r.watermark, r.version, r.unread_rows, r.landing_marker]),
  );
}

/**
 * Forgets what the extracted tables of a raw table hold, so the next build rebuilds them from the
 * raw zone. Whatever rewrites or deletes raw versions in place (erasure) calls it in its transaction.
 */
export async function invalidateExtracted(db: SqlRunner, meta: string, vendor: string, stream: string): Promise<void> {
  await ensureExtractedState(db, meta);
  // Exact names and a prefix compared as text (no LIKE: DuckDB's has no default escape, and `_` in
  // vendor and stream names is a wildcard there).
  const prefix = `_hl_array__${vendor}__${stream}__`;
  const entries = `_hl_entries__${vendor}__${stream}__`;
  await db.exec(
    `delete from ${qualified(meta, 'extracted_state')} where name in ($1, $2) or substr(name, 1, ${prefix.length}) = $3 or substr(name, 1, ${entries.length}) = $4`,
    [`_hl_latest__${vendor}__${stream}`, `_hl_versions__${vendor}__${stream}`, prefix, entries],
  );
}

export interface StreamTables {
  readonly vendor: string;
  readonly stream: string;
  readonly latest: ExtractedTable | undefined;
  readonly versions: ExtractedTable | undefined;
  /** Its array and entries tables (NESTED_KINDS). */
  readonly arrays: readonly ExtractedTable[];
}

export function byStream(tables: readonly ExtractedTable[]): StreamTables[] {
  const out = new Map<string, { vendor: string; stream: string; latest?: ExtractedTable; versions?: ExtractedTable; arrays: ExtractedTable[] }>();
  for (const t of tables) {
    const key = `${t.vendor}__${t.stream}`;
    let s = out.get(key);
    if (!s) out.set(key, (s = { vendor: t.vendor, stream: t.stream, arrays: [] }));
    if (t.kind === 'latest') s.latest = t;
    else if (t.kind === 'versions') s.versions = t;
    else s.arrays.push(t);
  }
  return [...out.values()].map((s) => ({ ...s, latest: s.latest, versions: s.versions }));
}

/**
 * Per stream refreshed before, how many versions its next refresh would read now (unread.ts), in one
 * round trip: a stream whose count is what its last refresh left costs no transaction.
 */
export async function unreadByStream(db: SqlRunner, dialect: SqlDialect, rawSchema: string, streams: readonly StreamTables[], state: Map<string, StateRow>): Promise<Map<string, number>> {
  const tables = new Map<string, UnreadState>();
  for (const s of streams) {
    const first = s.latest ?? s.versions ?? s.arrays[0];
    const prior = first ? state.get(first.name) : undefined;
    if (prior) tables.set(`${s.vendor}__${s.stream}`, { watermark: prior.watermark, marker: prior.landing_marker, unread: prior.unread_rows });
  }
  return unreadNow(db, dialect, rawSchema, tables);
}

const LATEST_KEEP = ['_all_dated'];
const ENTRY_COLUMNS = ['_key', '_type', '_value'];

function columnsOf(t: ExtractedTable): string[] {
  const fields = columnFields(t).map((f) => f.alias);
  if (t.kind === 'array') return [...RAW_COLUMN_LIST.filter((c) => c !== '_payload'), '_index', ...fields];
  if (t.kind === 'entries') return [...RAW_COLUMN_LIST.filter((c) => c !== '_payload'), ...ENTRY_COLUMNS, ...fields];
  return [...RAW_COLUMN_LIST.filter((c) => c !== '_payload'), ...(t.kind === 'latest' ? LATEST_KEEP : []), ...fields];
}

/** The SELECT of an extracted table's rows from `relation`, which has every raw column (plus `_all_dated` for latest). */
function selectFrom(dialect: SqlDialect, t: ExtractedTable, relation: string): string {
  const fields = columnFields(t);
  const cols = columnsOf(t).map(quoteIdent).join(', ');
  if (t.kind === 'array') return `select ${cols} from ${payloadArraySql(dialect.kind, relation, t.array ?? [], fields)} _x`;
  if (t.kind === 'entries') return `select ${cols} from ${payloadEntriesSql(dialect.kind, relation, t.array ?? [], fields)} _x`;
  return `select ${cols} from ${dialect.payloadFields(relation, fields, t.kind === 'latest' ? LATEST_KEEP : [])} _x`;
}

/**
 * Brings one raw stream's extracted tables up to date, in one transaction: rebuilt whole when one
 * is missing or holds other fields (or on a full refresh), else from the versions landed since
 * the last refresh, parsing only the versions that become a record's latest.
 */
export async function refreshStream(
  engine: Engine,
  dialect: SqlDialect,
  s: StreamTables,
  state: Map<string, StateRow>,
  opts: { fullRefresh: boolean; version: string; existing: (name: string) => boolean; unread?: number },
): Promise<RefreshResult> {
  const t0 = performance.now();
  const staging = engine.schemas.staging;
  const raw = qualified(engine.schemas.raw, `${s.vendor}__${s.stream}`);
  const tables = [s.latest, s.versions, ...s.arrays].filter((t): t is ExtractedTable => t !== undefined);
  const names = tables.map((t) => t.name);
  const prior = tables.map((t) => state.get(t.name));
  const watermark = prior[0]?.watermark ?? null;
  const whole =
    opts.fullRefresh ||
    tables.some((t, i) => !opts.existing(t.name) || prior[i]?.signature !== signature(t) || prior[i]?.watermark?.getTime() !== watermark?.getTime());
  const meta = engine.schemas.meta;
  const from = prior[0]?.version;
  let read = 0;
  const done = (mode: RefreshResult['mode'], changed: number, changes?: string): RefreshResult => ({
    stream: `${s.vendor}__${s.stream}`,
    tables: names,
    mode,
    changed,
    read,
    seconds: (performance.now() - t0) / 1000,
    ...(from !== undefined && prior.every((p) => p?.version === from) ? { from } : {}),
    ...(changes ? { changes } : {}),
  });

  if (!whole && opts.unread !== undefined && prior.every((p) => p?.unread_rows === opts.unread)) return done('unchanged', 0);

  if (whole) {
    let rows = 0;
    await engine.transaction(async (tx) => {
      // Taken before the tables are read: whatever this refresh cannot see was written at or after it.
      const marker = (await markerNow(tx, dialect))?.marker ?? null;
      const [mx] = await tx.query<{ w: Date | null }>(`select max(_extracted_at) as w from ${raw}`);
      const unread = await unreadRows(tx, dialect, raw, mx?.w ?? null, marker);
      for (const t of tables) {
        const target = qualified(staging, t.name);
        await tx.exec(`drop table if exists ${target} cascade`);
        const source = t.kind === 'versions' ? raw : dialect.latestDated(raw);
        rows += await tx.execCount(`create table ${target} as ${selectFrom(dialect, t, source)}`);
        await indexes(tx, dialect, staging, t);
        await analyzeTable(tx, dialect, target);
      }
      await writeStates(
        tx,
        meta,
        tables.map((t) => ({ name: t.name, signature: signature(t), watermark: mx?.w ?? null, version: opts.version, unread_rows: unread, landing_marker: marker })),
      );
    });
    return done('full', rows);
  }

  // What the last refresh did not read (unread.ts); reading a version again is idempotent.
  const since = windowStart(dialect, watermark);
  let changed = 0;
  await engine.transaction(async (tx) => {
    const now = await markerNow(tx, dialect);
    const marker = usableMarker(prior[0]?.landing_marker, now);
    const unread = unreadWhere(dialect, since, marker, 1);
    const delta = quoteIdent('_hl_delta');
    const cand = quoteIdent('_hl_cand');
    const win = quoteIdent('_hl_winners');
    // The versions landed since the last refresh, numbered so a winner is found again exactly.
    await tx.exec(
      `create temp table ${delta} as select ${RAW_COLUMN_LIST.join(', ')}, row_number() over () as _n from ${raw} where ${unread.sql}`,
      unread.params,
    );
    await analyzeTable(tx, dialect, delta);
    const [d] = await tx.query<{ n: number; w: Date | null }>(`select count(*) as n, max(_extracted_at) as w from ${delta}`);
    read = Number(d?.n ?? 0);
    const newWatermark = d?.w && (!watermark || d.w > watermark) ? d.w : watermark;
    // With a marker, the delta holds only versions never read; else every version since `since`.
    if (read > 0) changed = await applyDelta(tx, dialect, s, staging, raw, { delta, cand, win }, marker ? null : { since, watermark });
    const left = await unreadRows(tx, dialect, raw, newWatermark, now?.marker ?? null);
    await writeStates(
      tx,
      meta,
      tables.map((t, i) => ({
        name: t.name,
        signature: signature(t),
        watermark: newWatermark,
        version: changed > 0 ? opts.version : prior[i]!.version,
        unread_rows: left,
        landing_marker: now?.marker ?? null,
      })),
    );
    // Dropped here; a failure rolls their creation back, so none is left for the next refresh to find.
    for (const temp of [delta, cand, win]) await tx.exec(`drop table if exists ${temp}`);
  });
  return done(changed > 0 ? 'incremental' : 'unchanged', changed, changed > 0 && s.latest ? changesTable(s.vendor, s.stream) : undefined);
}

async function indexes(tx: EngineTx, dialect: SqlDialect, schema: string, t: ExtractedTable): Promise<void> {
  const cols = t.kind === 'versions' ? ['_extracted_at'] : ['_connection', '_record_id'];
  const ddl = dialect.index(qualified(schema, t.name), `${t.name}__key`, cols);
  if (ddl) await tx.exec(ddl);
}

/**
 * Each changed record's new latest version is the first, in the raw zone's order (see
 * rankedVersions), of its current latest and its new versions: the older versions need not be
 * read again. Except when a new version has no usable updated time and the record's versions were
 * all dated until now: its versions are then ordered by landing sequence, so it is ranked again
 * from all its versions. Returns how many records changed.
 */
async function applyDelta(
  tx: EngineTx,
  dialect: SqlDialect,
  s: StreamTables,
  staging: string,
  raw: string,
  t: { delta: string; cand: string; win: string },
  /** What the delta read again besides the unread versions (no marker): every version landed after `since`. */
  reread: { since: Date | null; watermark: Date | null } | null,
): Promise<number> {
  const latest = s.latest ? qualified(staging, s.latest.name) : null;
  const key = (a: string, b: string) => `${a}._connection = ${b}._connection and ${a}._record_id = ${b}._record_id`;
  const heads = latest
    ? `union all
       select h._connection, h._record_id, h._updated_at, h._extracted_at, h._deleted, h._all_dated, true, h._all_dated, cast(null as bigint)
       from ${latest} h where exists (select 1 from ${t.delta} d where ${key('d', 'h')})`
    : '';
  // A tie goes to the current latest: a version re-read within the late-landing margin changes nothing.
  await tx.exec(`create temp table ${t.cand} as
    select *, row_number() over (partition by _connection, _record_id
      order by case when _all then _updated_at end desc nulls last, _extracted_at desc, _deleted desc, _head desc) as _rank
    from (select *, bool_and(_dated) over (partition by _connection, _record_id) as _all from (
      select _connection, _record_id, _updated_at, _extracted_at, _deleted, _updated_at is not null as _dated, false as _head, false as _was_all, _n from ${t.delta}
      ${heads}
    ) u) c`);
  await analyzeTable(tx, dialect, t.cand);
  // Records whose order just switched to landing sequence, ranked again from every version.
  const flipped = `(select distinct _connection, _record_id from ${t.cand} where _head and _was_all and not _all)`;
  // Rare (a record's first undated version); when none did, the raw table is not scanned for them
  // (its payloads included: 115 ms of a 1,432-version refresh of 107k applications).
  const [f] = await tx.query<{ n: number }>(`select count(*) as n from ${flipped} f`);
  const reranked =
    Number(f?.n ?? 0) === 0
      ? ''
      : `union all
    select ${RAW_COLUMN_LIST.join(', ')}, _all_dated
    from ${rankedVersions(`(select r.* from ${raw} r where exists (select 1 from ${flipped} f where ${key('f', 'r')})) s`)} v
    where _version_rank = 1`;
  const changed = await tx.execCount(`create temp table ${t.win} as
    select ${RAW_COLUMN_LIST.map((c) => `d.${c}`).join(', ')}, c._all as _all_dated
    from ${t.delta} d join ${t.cand} c on c._n = d._n
    where c._rank = 1 and not c._head and not exists (select 1 from ${flipped} f where ${key('f', 'c')})
    ${reranked}`);
  await analyzeTable(tx, dialect, t.win);
  const changes = qualified(staging, changesTable(s.vendor, s.stream));
  const changedRows = (table: ExtractedTable) => `select * from ${qualified(staging, table.name)} where exists (select 1 from ${t.win} w where ${key('w', quoteIdent(table.name))})`;
  if (latest && changed > 0) {
    await tx.exec(`drop table if exists ${changes}`);
    await tx.exec(`create table ${changes} as ${changedRows(s.latest!)}`);
  }
  for (const table of [s.latest, ...s.arrays]) {
    if (!table || changed === 0) continue;
    const target = qualified(staging, table.name);
    await tx.exec(`delete from ${target} where exists (select 1 from ${t.win} w where ${key('w', quoteIdent(table.name))})`);
    await tx.exec(`insert into ${target} (${columnsOf(table).map(quoteIdent).join(', ')}) ${selectFrom(dialect, table, t.win)}`);
  }
  // Their new rows are the winners just inserted: built from the winners again, not found by scanning the latest table.
  if (latest && changed > 0) await tx.exec(`insert into ${changes} (${columnsOf(s.latest!).map(quoteIdent).join(', ')}) ${selectFrom(dialect, s.latest!, t.win)}`);
  if (s.versions) {
    const target = qualified(staging, s.versions.name);
    if (reread?.since) await tx.exec(`delete from ${target} where _extracted_at > $1::timestamptz`, [reread.since]);
    else if (reread) await tx.exec(`delete from ${target}`);
    else {
      // Only unread versions, but one committed while the last refresh ran may have been read then too.
      const own = quoteIdent(s.versions.name);
      await tx.exec(`delete from ${target} where exists (select 1 from ${t.delta} d where ${key('d', own)} and d._extracted_at = ${own}._extracted_at)`);
    }
    await tx.exec(`insert into ${target} (${columnsOf(s.versions).map(quoteIdent).join(', ')}) ${selectFrom(dialect, s.versions, `(select ${RAW_COLUMN_LIST.join(', ')} from ${t.delta})`)}`);
  }
  if (!s.versions) return changed;
  // Versions re-read within the late-landing margin were there already: only newer ones are a change.
  const [v] = await tx.query<{ n: number }>(`select count(*) as n from ${t.delta} where $1::timestamptz is null or _extracted_at > $1::timestamptz`, [reread?.watermark ?? null]);
  return changed + Number(v?.n ?? 0);
}
