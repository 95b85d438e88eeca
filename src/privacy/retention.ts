// raw.retention_days: the raw zone keeps every version of every record, which is how history is
// rebuilt where a vendor keeps none; retention drops versions landed more than N days ago, except
// each record's newest version (what the models read) and the streams whose history the models
// rebuild (those read with source_versions(), e.g. Workday job applications without a stage
// history report): dropping their versions would change the past the models show.
import type { Engine } from '../engine/engine.ts';
import { qualified } from '../engine/identifiers.ts';
import { rankedVersions, rawTableRef } from '../landing/raw-table.ts';
import type { Logger } from '../log/logger.ts';
import { invalidateExtracted } from '../../transforms/extracted/refresh.ts';

export interface RetentionOptions {
  readonly engine: Engine;
  readonly source: string;
  readonly streams: readonly string[];
  readonly connection: string;
  readonly days: number;
  /** `<source>__<stream>` names kept whole (see historyStreams in transforms/) */
  readonly keep: ReadonlySet<string>;
  readonly now?: Date;
  readonly log: Logger;
}

export interface RetentionSummary {
  readonly connection: string;
  /** versions dropped per stream */
  readonly rows: Readonly<Record<string, number>>;
  /** streams kept whole because the models rebuild history from their versions */
  readonly kept: readonly string[];
}

export async function applyRetention(o: RetentionOptions): Promise<RetentionSummary> {
  const { engine } = o;
  const cutoff = new Date((o.now ?? new Date()).getTime() - o.days * 86_400_000);
  const address = engine.kind === 'duckdb' ? 'rowid' : 'ctid';
  const rows: Record<string, number> = {};
  const kept: string[] = [];
  for (const stream of o.streams) {
    const ref = rawTableRef(engine, o.source, stream);
    if (o.keep.has(ref.table)) {
      kept.push(stream);
      continue;
    }
    const exists = await engine.query(`select 1 from information_schema.tables where table_schema = $1 and table_name = $2`, [ref.schema, ref.table]);
    if (exists.length === 0) continue;
    const table = qualified(ref.schema, ref.table);
    const old = `(select _rid from ${rankedVersions(table, `${address} as _rid, _connection, _record_id, _updated_at, _extracted_at, _deleted`)} v
      where v._connection = $1 and v._version_rank > 1 and v._extracted_at < $2)`;
    const n = await engine.transaction(async (tx) => {
      const [count] = await tx.query<{ n: number }>(`select count(*) as n from ${old} o`, [o.connection, cutoff]);
      const dropped = Number(count?.n ?? 0);
      if (dropped > 0) {
        await tx.exec(`delete from ${table} where ${address} in ${old}`, [o.connection, cutoff]);
        // Versions gone in place: the typed staging tables read this stream whole on the next build.
        await invalidateExtracted(tx, engine.schemas.meta, o.source, stream);
      }
      return dropped;
    });
    if (n > 0) rows[stream] = n;
  }
  const total = Object.values(rows).reduce((a, b) => a + b, 0);
  if (total > 0) o.log.info(`${o.connection}: raw.retention_days ${o.days}: dropped ${total} older version${total === 1 ? '' : 's'} (${Object.entries(rows).map(([s, n]) => `${s} ${n}`).join(', ')})`);
  return { connection: o.connection, rows, kept };
}
