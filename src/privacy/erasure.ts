// Erasure: when the ATS forgets a person (or `hirelake forget` is asked to), the raw zone forgets
// them too. Every version of their records is rewritten with the personal fields set to null;
// ids, dates, stages and outcomes stay, so the models rebuilt from the raw zone count the same
// applications the same way. Detected subjects go to a ledger of ids (hirelake.erasures), so a
// version landed later (a lookback, a re-read) is purged on landing's run as well.
import type { Engine } from '../engine/engine.ts';
import { assertIdentifier, qualified } from '../engine/identifiers.ts';
import { latestViewRef, rankedVersions, rawTableRef } from '../landing/raw-table.ts';
import type { Logger } from '../log/logger.ts';
import { ensureMetaSchema } from '../state/meta-ddl.ts';
import { blankPersonal, parsePath, type ErasureSignal, type PersonalDataMap, type RecordPath, type SubjectKind } from './personal-data.ts';
import { invalidateExtracted } from '../../transforms/extracted/refresh.ts';

/** A complete read missing more than this share of a stream's records looks like a broken listing, not erasures. */
export const MAX_ABSENT_SHARE = 0.2;
/** … unless it is this few records. */
export const MIN_ABSENT_GUARD = 10;

export interface ErasureOptions {
  readonly engine: Engine;
  readonly source: string;
  readonly map: PersonalDataMap;
  readonly connection: string;
  /** this run: rows it landed are checked against the whole ledger; subjects it adds are purged in full */
  readonly runId: string;
  /** streams read whole in this run, with the ids each listed (absence detection needs them) */
  readonly completeReads?: ReadonlyMap<string, ReadonlySet<string>>;
  /** subjects forgotten on request (`hirelake forget`), besides what the vendor shows */
  readonly requested?: readonly { readonly kind: SubjectKind; readonly id: string }[];
  readonly log: Logger;
  readonly now?: Date;
}

export interface ErasureSummary {
  readonly connection: string;
  /** subjects newly recorded in this run, by kind */
  readonly candidates: number;
  readonly applications: number;
  /** raw rows rewritten, per stream */
  readonly rows: Readonly<Record<string, number>>;
  /** absence signals not acted on because too much was missing (a broken listing) */
  readonly skipped: readonly string[];
}

/** A payload path (or `_record_id`) as SQL text, on `alias`. */
function pathSql(engine: Engine, alias: string, path: RecordPath): string {
  if (path === '_record_id') return `${alias}._record_id`;
  const keys = parsePath(path).map((s) => {
    if (s.each || s.key === '*') throw new Error(`an id path cannot walk an array or every key: "${path}"`);
    return s.key;
  });
  return engine.kind === 'duckdb'
    ? `json_extract_string(${alias}._payload, '$.${keys.map((k) => `"${k}"`).join('.')}')`
    : `(${alias}._payload #>> '{${keys.map((k) => `"${k}"`).join(',')}}')`;
}

/** The engine's own row address, to rewrite exactly the rows read. */
const rowAddress = (engine: Engine, alias: string) => (engine.kind === 'duckdb' ? `${alias}.rowid` : `cast(${alias}.ctid as text)`);
const byAddress = (engine: Engine) => (engine.kind === 'duckdb' ? 'rowid = $2' : 'ctid = cast($2 as tid)');

function raw(engine: Engine, source: string, stream: string): { table: string; latest: string } {
  const t = rawTableRef(engine, source, stream);
  const v = latestViewRef(t);
  return { table: qualified(t.schema, t.table), latest: qualified(v.schema, v.table) };
}

async function rawExists(engine: Engine, source: string, stream: string): Promise<boolean> {
  const t = rawTableRef(engine, source, stream);
  const rows = await engine.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = $2`, [t.schema, t.table]);
  return rows.length > 0;
}

function describe(signal: ErasureSignal): string {
  switch (signal.kind) {
    case 'absent':
      return `missing from a full read of ${signal.stream}`;
    case 'flag':
      return `${signal.stream}.${signal.flag} set`;
    case 'deleted':
      return `listed as deleted (${signal.stream})`;
    case 'stripped':
      return `stripped of personal data in place (${signal.stream})`;
  }
}

/** Subject ids a signal shows now, with how many records the stream holds (for the absence guard). */
async function signalled(o: ErasureOptions, signal: ErasureSignal): Promise<{ ids: string[]; live: number } | null> {
  const { engine } = o;
  if (!(await rawExists(engine, o.source, signal.stream))) return null;
  const { latest } = raw(engine, o.source, signal.stream);
  const subject = pathSql(engine, 'r', signal.path);
  const valid = (id: string | null): id is string => id !== null && id !== '';
  if (signal.kind === 'absent') {
    // Every live record against what the complete read listed (compaction leaves unchanged ones
    // unlanded, so what this run landed says nothing).
    const seen = o.completeReads?.get(signal.stream);
    if (!seen) return null;
    const rows = await engine.query<{ record: string; id: string | null }>(
      `select r._record_id as record, ${subject} as id from ${latest} r where r._connection = $1 and not r._deleted`,
      [o.connection],
    );
    const gone = rows.filter((r) => !seen.has(r.record)).map((r) => r.id);
    return { ids: [...new Set(gone.filter(valid))], live: rows.length };
  }
  if (signal.kind === 'stripped') {
    // Only a record that held personal data before: one that never did was never anyone's to erase.
    const { table } = raw(engine, o.source, signal.stream);
    const bare = (alias: string) => signal.fields.map((f) => `coalesce(${pathSql(engine, alias, f)}, '') in ('', '[]', '{}')`).join(' and ');
    const ids = await engine.query<{ id: string | null }>(
      `select distinct ${subject} as id from ${latest} r
        where r._connection = $1 and not r._deleted and ${bare('r')}
          and exists (select 1 from ${table} h where h._connection = r._connection and h._record_id = r._record_id and not h._deleted and not (${bare('h')}))`,
      [o.connection],
    );
    return { ids: ids.map((r) => r.id).filter(valid), live: 0 };
  }
  const where = signal.kind === 'flag' ? `not r._deleted and lower(${pathSql(engine, 'r', signal.flag)}) = 'true'` : 'r._deleted';
  const ids = await engine.query<{ id: string | null }>(`select distinct ${subject} as id from ${latest} r where r._connection = $1 and ${where}`, [o.connection]);
  const [live] = await engine.query<{ n: number }>(`select count(*) as n from ${latest} r where r._connection = $1 and not r._deleted`, [o.connection]);
  return { ids: ids.map((r) => r.id).filter(valid), live: Number(live?.n ?? 0) };
}

/** How many subjects of each kind the ledger holds for the connection. */
async function ledgerCounts(engine: Engine, connection: string): Promise<Record<SubjectKind, number>> {
  const rows = await engine.query<{ kind: SubjectKind; n: number }>(
    `select subject_kind as kind, count(*) as n from ${qualified(engine.schemas.meta, 'erasures')} where connection = $1 group by subject_kind`,
    [connection],
  );
  const out: Record<SubjectKind, number> = { candidate: 0, application: 0 };
  for (const r of rows) out[r.kind] = Number(r.n);
  return out;
}

async function known(engine: Engine, connection: string, kind: SubjectKind): Promise<Set<string>> {
  const rows = await engine.query<{ id: string }>(
    `select subject_id as id from ${qualified(engine.schemas.meta, 'erasures')} where connection = $1 and subject_kind = $2`,
    [connection, kind],
  );
  return new Set(rows.map((r) => r.id));
}

async function record(o: ErasureOptions, kind: SubjectKind, ids: Iterable<string>, reason: string): Promise<number> {
  const seen = await known(o.engine, o.connection, kind);
  const fresh = [...new Set(ids)].filter((id) => !seen.has(id));
  if (fresh.length === 0) return 0;
  const at = o.now ?? new Date();
  await o.engine.transaction((tx) =>
    tx.bulkInsert(
      { schema: o.engine.schemas.meta, table: 'erasures' },
      [
        { name: 'connection', type: 'text' },
        { name: 'subject_kind', type: 'text' },
        { name: 'subject_id', type: 'text' },
        { name: 'reason', type: 'text' },
        { name: 'run_id', type: 'text' },
        { name: 'detected_at', type: 'timestamptz' },
      ],
      fresh.map((id) => [o.connection, kind, id, reason, o.runId, at]),
    ),
  );
  return fresh.length;
}

/**
 * The applications of the erased candidates: those whose newest version names one of them (a
 * candidate merged away names none: its applications moved to the survivor).
 */
async function applicationsOfErased(o: ErasureOptions): Promise<string[]> {
  const { engine, map } = o;
  if (!(await rawExists(engine, o.source, map.applications.stream))) return [];
  const { table } = raw(engine, o.source, map.applications.stream);
  // Ranked on the ids alone: a window over whole payloads of a million applications needs far more memory.
  const latest = rankedVersions(`${table} v`, `v._connection, v._record_id, v._updated_at, v._extracted_at, v._deleted, ${pathSql(engine, 'v', map.applications.candidate)} as candidate_id`);
  const rows = await engine.query<{ id: string }>(
    `select r._record_id as id from ${latest} r
      join ${qualified(engine.schemas.meta, 'erasures')} e
        on e.connection = r._connection and e.subject_kind = 'candidate' and e.subject_id = r.candidate_id
      where r._connection = $1 and r._version_rank = 1`,
    [o.connection],
  );
  return rows.map((r) => r.id);
}

/**
 * Requested candidates that are a person key (see PersonKey) replaced by the candidate records
 * that key stands for. The key itself is not recorded: it is a hash of a contact detail, and the
 * ledger keeps vendor ids only. A request that matches no person key stays as it was.
 */
async function resolvePersonKeys(o: ErasureOptions): Promise<{ kind: SubjectKind; id: string }[]> {
  const asked = o.requested ?? [];
  const key = o.map.personKey;
  if (!key || !asked.some((r) => r.kind === 'candidate') || !(await rawExists(o.engine, o.source, key.stream))) return [...asked];
  const { latest } = raw(o.engine, o.source, key.stream);
  const out: { kind: SubjectKind; id: string }[] = [];
  for (const r of asked) {
    const rows = r.kind !== 'candidate' ? [] : await o.engine.query<{ id: string }>(
      `select r._record_id as id from ${latest} r
        where r._connection = $1 and md5(lower(trim(${pathSql(o.engine, 'r', key.path)}))) = $2`,
      [o.connection, r.id.toLowerCase()],
    );
    if (rows.length === 0) out.push(r);
    else out.push(...rows.map((x) => ({ kind: 'candidate' as const, id: x.id })));
  }
  return out;
}

/**
 * Rewrites the rows of one stream that belong to a ledger subject: every version for subjects
 * recorded in this run, and the rows this run landed for subjects recorded before.
 */
async function purgeStream(o: ErasureOptions, stream: string): Promise<number> {
  const { engine } = o;
  const spec = o.map.streams[stream]!;
  if (!(await rawExists(engine, o.source, stream))) return 0;
  const { table } = raw(engine, o.source, stream);
  const rows = await engine.query<{ rid: string | number | bigint; payload: string }>(
    `select ${rowAddress(engine, 'r')} as rid, cast(r._payload as text) as payload
       from ${table} r
      where r._connection = $1
        and exists (select 1 from ${qualified(engine.schemas.meta, 'erasures')} e
                     where e.connection = r._connection and e.subject_kind = $3 and e.subject_id = ${pathSql(engine, 'r', spec.path)}
                       and (e.run_id = $2 or r._run_id = $2))`,
    [o.connection, o.runId, spec.subject],
  );
  const rewrites: [string, string | number | bigint][] = [];
  for (const r of rows) {
    const purged = blankPersonal(r.payload, spec.personal, spec.keep);
    if (purged !== null) rewrites.push([purged, r.rid]);
  }
  if (rewrites.length === 0) return 0;
  await engine.transaction(async (tx) => {
    // The typed staging tables copy raw fields and refresh from what landed since: rewritten in
    // place, these versions must be read again on the next build.
    await invalidateExtracted(tx, engine.schemas.meta, o.source, stream);
    for (const [payload, rid] of rewrites) {
      await tx.exec(`update ${table} set _payload = cast($1 as ${engine.types.json}) where _connection = $3 and ${byAddress(engine)}`, [payload, engine.kind === 'duckdb' ? Number(rid) : String(rid), o.connection]);
    }
  });
  return rewrites.length;
}

/**
 * Detects what the vendor erased, records it with the requested subjects, and purges the raw zone
 * of it. Logs counts only: never a name, and never which ids.
 */
export async function applyErasures(o: ErasureOptions): Promise<ErasureSummary> {
  const { engine, map, log } = o;
  assertIdentifier(o.source, 'source name');
  await ensureMetaSchema(engine);
  const skipped: string[] = [];
  let candidates = 0;
  let applications = 0;
  for (const signal of map.erasures) {
    const found = await signalled(o, signal);
    if (!found || found.ids.length === 0) continue;
    if (signal.kind === 'absent' && found.ids.length > MIN_ABSENT_GUARD && found.ids.length > MAX_ABSENT_SHARE * found.live) {
      const note = `${o.connection}: ${found.ids.length} of ${found.live} ${signal.stream} records are missing from a full read; that looks like a partial listing (permissions?), not erasures, so nothing was purged`;
      log.warn(note);
      skipped.push(note);
      continue;
    }
    const n = await record(o, signal.subject, found.ids, describe(signal));
    if (signal.subject === 'candidate') candidates += n;
    else applications += n;
  }
  const requested = await resolvePersonKeys(o);
  for (const kind of ['candidate', 'application'] as const) {
    const ids = requested.filter((r) => r.kind === kind).map((r) => r.id);
    const n = ids.length === 0 ? 0 : await record(o, kind, ids, 'requested (hirelake forget)');
    if (kind === 'candidate') candidates += n;
    else applications += n;
  }
  // Most accounts have erased nobody: then nothing is scanned for subjects that are not there.
  const ledger = await ledgerCounts(engine, o.connection);
  if (ledger.candidate > 0) {
    const n = await record(o, 'application', await applicationsOfErased(o), 'an application of an erased candidate');
    applications += n;
    ledger.application += n;
  }
  const rows: Record<string, number> = {};
  for (const stream of Object.keys(map.streams)) {
    if (ledger[map.streams[stream]!.subject] === 0) continue;
    const n = await purgeStream(o, stream);
    if (n > 0) rows[stream] = n;
  }
  const purged = Object.values(rows).reduce((a, b) => a + b, 0);
  if (candidates + applications + purged > 0) {
    log.info(
      `${o.connection}: erasure: ${candidates} candidate${candidates === 1 ? '' : 's'} and ${applications} application${applications === 1 ? '' : 's'} newly erased; ` +
        `personal fields removed from ${purged} raw row${purged === 1 ? '' : 's'}${purged ? ` (${Object.entries(rows).map(([s, n]) => `${s} ${n}`).join(', ')})` : ''}`,
    );
  }
  return { connection: o.connection, candidates, applications, rows, skipped };
}
