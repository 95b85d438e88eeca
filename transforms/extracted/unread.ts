import type { SqlRunner } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import type { SqlDialect } from '../dialects/dialect.ts';

/**
 * Which raw versions a typed-staging refresh has not read yet: those landed after the newest one it
 * saw (the watermark), and, where landings commit concurrently (Postgres), those landed a little
 * before it that were not yet committed when it read (SqlDialect.lateLandingMs).
 *
 * Within that margin Postgres tells the two apart by transaction id: a marker taken as a refresh
 * starts (its snapshot's oldest running transaction) is at or below the id of every version that
 * refresh could not see, so the next one reads only the margin's versions at or after the marker.
 * Without it, the whole margin is read again: idempotent, but after a large backfill that is most of
 * what was just landed (a 1M-application account's second run re-read 6M versions on Postgres).
 */

/** The first landing time a refresh after `watermark` reads. */
export const windowStart = (dialect: SqlDialect, watermark: Date | null): Date | null => (watermark ? new Date(watermark.getTime() - dialect.lateLandingMs) : null);

/** Transaction ids wrap at 2^32; a marker further back than this is not compared (the margin is read whole). */
const MAX_MARKER_AGE = 2 ** 31 - 2 ** 24;

/** The marker for a refresh starting now, and the id the next transaction will get. */
export async function markerNow(db: SqlRunner, dialect: SqlDialect): Promise<{ marker: string; next: bigint } | null> {
  if (!dialect.transactionMarker) return null;
  const [r] = await db.query<{ marker: string; next: string }>(dialect.transactionMarker.now);
  return r ? { marker: String(r.marker), next: BigInt(r.next) } : null;
}

/** A stored marker still comparable now, else null. */
export function usableMarker(stored: string | null | undefined, now: { next: bigint } | null): string | null {
  if (!stored || !now) return null;
  const age = now.next - BigInt(stored);
  return age >= 0n && age < BigInt(MAX_MARKER_AGE) ? stored : null;
}

/**
 * The condition on a raw table's rows (unqualified columns) for the versions not read yet, with its
 * parameters numbered from `from`.
 */
export function unreadWhere(dialect: SqlDialect, since: Date | null, marker: string | null, from: number): { sql: string; params: unknown[] } {
  if (!since) return { sql: 'true', params: [] };
  const window = `_extracted_at > $${from}::timestamptz`;
  if (!marker || !dialect.transactionMarker) return { sql: window, params: [since] };
  return { sql: `${window} and ${dialect.transactionMarker.since(`$${from + 1}`)}`, params: [since, marker] };
}

/** How many versions a refresh from `watermark` and `marker` would read of `raw` now. */
export async function unreadRows(db: SqlRunner, dialect: SqlDialect, raw: string, watermark: Date | null, marker: string | null): Promise<number> {
  if (!watermark) return 0;
  const where = unreadWhere(dialect, windowStart(dialect, watermark), marker, 1);
  const [n] = await db.query<{ n: number }>(`select count(*) as n from ${raw} where ${where.sql}`, where.params);
  return Number(n?.n ?? 0);
}

export interface UnreadState {
  readonly watermark: Date | null;
  readonly marker: string | null;
  /** unreadRows as the last refresh left it, or null (not counted then: never skipped). */
  readonly unread: number | null;
}

/**
 * Per raw table, how many versions its next refresh would read now, in one round trip. A table whose
 * count is what its last refresh left has had nothing landed since, and its refresh is skipped.
 */
export async function unreadNow(db: SqlRunner, dialect: SqlDialect, rawSchema: string, tables: ReadonlyMap<string, UnreadState>): Promise<Map<string, number>> {
  const now = await markerNow(db, dialect);
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [table, st] of tables) {
    if (st.unread === null) continue;
    params.push(table);
    const name = `$${params.length}`;
    const where = unreadWhere(dialect, windowStart(dialect, st.watermark), usableMarker(st.marker, now), params.length + 1);
    params.push(...where.params);
    // A table that was empty (no watermark) counts all it holds.
    parts.push(`select cast(${name} as text) as stream, count(*) as n from ${qualified(rawSchema, table)} where ${where.sql}`);
  }
  if (parts.length === 0) return new Map();
  const rows = await db.query<{ stream: string; n: number }>(parts.join(' union all '), params);
  return new Map(rows.map((r) => [r.stream, Number(r.n)]));
}
