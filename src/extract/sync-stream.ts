import type { ConnectionBase } from '../config/schema.ts';
import { HirelakeError } from '../core/errors.ts';
import type { Engine } from '../engine/engine.ts';
import type { Redactor } from '../http/index.ts';
import type { GroupCommitter } from '../landing/group-commit.ts';
import { readAhead } from './read-ahead.ts';
import { qualified } from '../engine/identifiers.ts';
import { ensureRawTable, RAW_COLUMNS, rawTableRef } from '../landing/raw-table.ts';
import { pageVersions, versionRows, type PageVersion } from '../landing/to-rows.ts';
import { LatestVersions } from '../landing/unchanged.ts';
import { WindowClock } from './server-clock.ts';
import type { Logger } from '../log/logger.ts';
import type { Checkpoint } from '../state/checkpoint.ts';
import { EMPTY_CHECKPOINT, startMovedEarlier } from '../state/checkpoint.ts';
import type { RunLog, StreamCounters } from '../state/run-log.ts';
import type { StateStore } from '../state/state-store.ts';
import type { LandedRecords, SourceDefinition, StreamDefinition, SyncWindow } from './source.ts';
import { nextWindow } from './windows.ts';

/** What every stream of a run shares: the warehouse, its state and logs, and the run's identity. */
export interface RunServices {
  readonly engine: Engine;
  readonly state: StateStore;
  readonly runLog: RunLog;
  /** Lands pages; shared by the run's streams so concurrent pages share commits. */
  readonly committer: GroupCommitter;
  readonly source: SourceDefinition<any, any>;
  readonly connection: ConnectionBase;
  readonly runId: string;
  readonly fullRefresh: boolean;
  /** The run's start: every window of this run ends here. */
  readonly now: Date;
  readonly log: Logger;
  readonly redactor: Redactor;
  readonly signal: AbortSignal;
}

export interface StreamSyncContext extends RunServices {
  readonly session: unknown;
  readonly stream: StreamDefinition<any>;
  /** requests/retries are filled in by the connection's HTTP event hook. */
  readonly counters: StreamCounters;
  /** The server's clock while reading (fed from response Date headers); default: none observed. */
  readonly clock?: WindowClock;
  readonly onPage?: () => void;
  /**
   * Keep the ids of every record a complete read lists (landed or left out as unchanged): a record
   * the raw zone has that a complete read did not list is gone from the vendor (erasure detection).
   */
  readonly trackListed?: boolean;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export interface StreamSyncResult {
  /** The run read the stream whole (first sync, full refresh, or a full-sync stream), from start to end. */
  readonly complete: boolean;
  /**
   * With trackListed, after a complete read of a stream the raw zone already held records of: the
   * ids it listed. (Compaction leaves unchanged versions unlanded, so landing is no sign of them.)
   */
  readonly listed?: ReadonlySet<string>;
}

let lastLanding = 0;

/**
 * `_extracted_at` for a page: the wall clock, but strictly increasing within the process, so that
 * it is a landing sequence (two pages landed in the same millisecond still have an order). The
 * latest-version view falls back to it when a record's updated times are unusable.
 */
function landingClock(): Date {
  lastLanding = Math.max(Date.now(), lastLanding + 1);
  return new Date(lastLanding);
}

/** Records whose updated time could not be read, per stream: counted and reported, never dropped. */
interface UnusableTimestamps {
  count: number;
  example: string | undefined;
}

/** Records landed with U+FFFD in place of text no warehouse stores as sent, per stream: counted and reported. */
interface RepairedText {
  count: number;
}

/** Pages between run-log progress writes. */
const PROGRESS_EVERY = 20;

/** Pages of one stream handed to the committer and not yet in its open transaction, at most. */
const LANDING_DEPTH = 4;

function landedRecords(ctx: StreamSyncContext): LandedRecords {
  return {
    async idsUpdatedIn(streamName, window, opts = {}) {
      const t = rawTableRef(ctx.engine, ctx.source.name, streamName);
      // `->>` reads a top-level JSON field as text on both engines (DuckDB JSON, Postgres jsonb).
      const rows = await ctx.engine.query<{ id: string }>(
        `select distinct _record_id as id from ${qualified(t.schema, t.table)}
          where _connection = $1 and not _deleted
            and ($2::timestamptz is null or (_updated_at >= $2::timestamptz and _updated_at < $3::timestamptz))
            and ($4::text is null or (_payload ->> $4::text) is not null)
          order by 1`,
        [ctx.connection.name, window.since, window.until, opts.having ?? null],
      );
      return rows.map((r) => r.id);
    },
  };
}

/**
 * Reads one stream window by window and lands it page by page. Each page's rows and the
 * checkpoint that points past it commit in one transaction (shared with other pages, see
 * GroupCommitter); the watermark moves only in the transaction of a window's last page. So a
 * crash at any moment loses nothing, the next run re-reads what the open transaction held, and a
 * cursor never runs ahead of landed data.
 */
export async function syncStream(ctx: StreamSyncContext): Promise<StreamSyncResult> {
  const { engine, stream, connection: conn } = ctx;
  const table = rawTableRef(engine, ctx.source.name, stream.name);
  await ensureRawTable(engine, table);
  await ctx.runLog.start(engine, ctx.runId, conn.name, stream.name);
  const unusable: UnusableTimestamps = { count: 0, example: undefined };
  const repaired: RepairedText = { count: 0 };
  try {
    let cp: Checkpoint = ctx.fullRefresh ? EMPTY_CHECKPOINT : await ctx.state.get(engine, conn.name, stream.name);
    if (stream.sync === 'incremental' && startMovedEarlier(cp, conn.start_date ?? null)) {
      ctx.log.info(`${conn.name}.${stream.name}: start_date moved earlier (from ${cp.start_date}); re-reading history from ${conn.start_date?.toISOString() ?? 'the beginning'}`);
      cp = EMPTY_CHECKPOINT;
    }
    // Read from scratch, all within this run: every record the vendor lists now is read, so one
    // the raw zone has that this read did not list has gone from the vendor.
    const complete = (stream.sync === 'full' || cp.watermark === null) && cp.pending === null;
    const listed = ctx.trackListed && complete && (await holdsRecords(ctx, table)) ? new Set<string>() : undefined;
    for (;;) {
      const resumed = cp.pending !== null;
      const window: SyncWindow = cp.pending
        ? { since: cp.pending.since ? new Date(cp.pending.since) : null, until: new Date(cp.pending.until) }
        : nextWindow({ checkpoint: cp, sync: stream.sync, now: ctx.now, lookbackMs: conn.lookback_minutes * 60_000, startDate: conn.start_date ?? null });
      if (resumed) ctx.log.info(`${conn.name}.${stream.name}: resuming an interrupted window after page ${cp.pending!.pages}`);
      cp = await readWindow(ctx, table, cp, window, { unusable, repaired }, listed);
      // A resumed window ended at an older run's start; read what changed since in this run too.
      if (!resumed || window.until.getTime() >= ctx.now.getTime()) break;
    }
    await ctx.runLog.finish(engine, ctx.runId, conn.name, stream.name, ctx.counters, null);
    warnUnusable(ctx, unusable);
    warnRepaired(ctx, repaired);
    return { complete, ...(listed ? { listed } : {}) };
  } catch (err) {
    warnUnusable(ctx, unusable);
    warnRepaired(ctx, repaired);
    // The run log lives in the warehouse: no secret may reach it, whatever the error carries.
    const message = ctx.redactor.redact((err as Error).message);
    await ctx.runLog.finish(engine, ctx.runId, conn.name, stream.name, ctx.counters, message).catch(() => undefined);
    throw err;
  }
}

function warnUnusable(ctx: StreamSyncContext, u: UnusableTimestamps): void {
  if (u.count === 0) return;
  ctx.log.warn(
    `${ctx.source.name} ${ctx.stream.name} (connection ${ctx.connection.name}): ${u.count} record${u.count === 1 ? ' has an updated time that is' : 's have updated times that are'} ` +
      `not a timestamp (e.g. ${JSON.stringify(u.example)}); landed with _updated_at null, and their versions are ordered by landing sequence`,
  );
}

function warnRepaired(ctx: StreamSyncContext, r: RepairedText): void {
  if (r.count === 0) return;
  ctx.log.warn(
    `${ctx.source.name} ${ctx.stream.name} (connection ${ctx.connection.name}): ${r.count} record${r.count === 1 ? ' holds' : 's hold'} text no warehouse stores as sent ` +
      `(a lone UTF-16 surrogate, as a text cut in the middle of an emoji leaves, or NUL); landed with U+FFFD in its place`,
  );
}

/** Whether the raw table holds any record of this connection (before a first sync it does not). */
async function holdsRecords(ctx: StreamSyncContext, table: { schema: string; table: string }): Promise<boolean> {
  const rows = await ctx.engine.query(`select 1 from ${qualified(table.schema, table.table)} where _connection = $1 limit 1`, [ctx.connection.name]);
  return rows.length > 0;
}

async function readWindow(
  ctx: StreamSyncContext,
  table: { schema: string; table: string },
  start: Checkpoint,
  window: SyncWindow,
  noted: { unusable: UnusableTimestamps; repaired: RepairedText },
  listed?: Set<string>,
): Promise<Checkpoint> {
  const { unusable, repaired } = noted;
  const { stream, connection: conn } = ctx;
  const clock = ctx.clock ?? new WindowClock();
  clock.reset();
  let cp = start;
  let finished: Checkpoint | null = null;
  let pages = start.pending?.pages ?? 0;
  let resume = start.pending?.resume ?? null;
  const startDate = ctx.connection.start_date ? ctx.connection.start_date.toISOString() : null;
  // The stream's own state is carried through the window and replaced only by its last page.
  const carried = start.syncState === undefined ? {} : { syncState: start.syncState };
  let ended: { syncState?: string } = carried;
  // The watermark of a window read in full: its end, or the server's clock when that is behind ours
  // (computed when the last page arrives, after every response of the window was seen).
  const done = (): Checkpoint => ({ watermark: clock.landedThrough(window.until).toISOString(), pending: null, start_date: startDate, ...ended });
  // What this window may re-read unchanged (its lookback, a full list): those versions are not landed again.
  const latest = await LatestVersions.load(ctx.engine, table, conn.name, window.since);
  for (let attempt = 0; ; attempt++) {
    // Pages go to the committer without waiting for each commit, so commits are shared across
    // many pages; they still commit in order, and none after a failure.
    const lane = {};
    const uncommitted: Promise<void>[] = [];
    const appending: Promise<void>[] = [];
    let submitted = { pages: ctx.counters.pages, records: ctx.counters.records };
    try {
      const syncState = start.syncState ?? null;
      for await (const page of readAhead(stream.read(ctx.session, { window, resume, syncState, signal: ctx.signal, landed: landedRecords(ctx) }))) {
        if (ctx.signal.aborted) throw new HirelakeError('interrupted', `${conn.name}.${stream.name}: stopped`);
        pages++;
        if (listed) for (const r of page.records) listed.add(stream.recordId(r));
        if (page.resume === null && page.syncState !== undefined) ended = { syncState: page.syncState };
        const pageCheckpoint: Checkpoint =
          page.resume === null
            ? done()
            : { watermark: cp.watermark, pending: { since: iso(window.since), until: window.until.toISOString(), resume: page.resume, pages }, start_date: startDate, ...carried };
        if (page.resume === null) finished = pageCheckpoint;
        const extractedAt = landingClock();
        // Keys and updated times are read before the page goes to the committer: a record that
        // cannot be landed fails its own stream here, not a transaction other streams share.
        const bad: UnusableTimestamps = { count: 0, example: undefined };
        const onUnusableTimestamp = (raw: string): void => {
          bad.count++;
          bad.example ??= raw.slice(0, 80);
        };
        const rowContext = { connection: conn.name, runId: ctx.runId, extractedAt, onUnusableTimestamp };
        // Released once landed: the transaction holding it may stay open for many more pages.
        let versions: PageVersion[] | undefined = [...pageVersions(stream, page, rowContext)];
        const pageLatest = latest.page();
        const unchanged = { records: 0, bytes: 0 };
        const onUnchanged = (bytes: number): void => {
          unchanged.records++;
          unchanged.bytes += bytes;
        };
        const pageRepaired: RepairedText = { count: 0 };
        const onRepairedText = (): void => {
          pageRepaired.count++;
        };
        let landed = 0;
        submitted = { pages: submitted.pages + 1, records: submitted.records + page.records.length + (page.tombstones?.length ?? 0) };
        const progress = { ...ctx.counters, ...submitted };
        const landing = ctx.committer.submit(
          async (tx) => {
            const rows = versionRows(versions!, { ...rowContext, latest: pageLatest, onUnchanged, onRepairedText });
            versions = undefined;
            landed = await tx.bulkInsert(table, RAW_COLUMNS, rows);
            // The run log shows how far a run got, but needn't cost a write on every page.
            if (progress.pages % PROGRESS_EVERY === 0) await ctx.runLog.progress(tx, ctx.runId, conn.name, stream.name, progress);
            return landed;
          },
          {
            lane,
            // In the transaction with the page; when it holds several of this stream's pages, the
            // last page's checkpoint is the one written.
            then: { key: `${conn.name}.${stream.name}`, write: (tx) => ctx.state.put(tx, conn.name, stream.name, pageCheckpoint) },
            onCommit: () => pageLatest.commit(),
            onRollback: () => pageLatest.discard(),
          },
        );
        const committed = landing.committed.then(() => {
          cp = pageCheckpoint;
          ctx.counters.pages++;
          ctx.counters.records += landed;
          ctx.counters.unchanged += unchanged.records;
          ctx.counters.unchangedBytes += unchanged.bytes;
          unusable.count += bad.count;
          unusable.example ??= bad.example;
          repaired.count += pageRepaired.count;
          ctx.log.debug(`${conn.name}.${stream.name}: landed page ${pageCheckpoint.pending?.pages ?? pages}`, { records: landed });
          ctx.onPage?.();
        });
        // Awaited below (in order); until then a rejection is not "unhandled".
        committed.catch(() => undefined);
        uncommitted.push(committed);
        // Fetching runs ahead of landing by at most LANDING_DEPTH pages; landed pages wait for their
        // commit without holding the next fetch back.
        appending.push(landing.appended);
        if (appending.length >= LANDING_DEPTH) await appending.shift();
      }
      ctx.committer.commitSoon();
      for (const c of uncommitted.splice(0)) await c;
      break;
    } catch (err) {
      // Whatever was already handed to the committer lands (or fails) before we move on.
      ctx.committer.commitSoon();
      await Promise.allSettled(uncommitted);
      // An expired vendor cursor cannot be resumed: read the same window again from its start.
      if (resume !== null && attempt === 0 && stream.isStaleResume?.(err)) {
        ctx.log.warn(`${conn.name}.${stream.name}: the saved page cursor has expired; re-reading the window from its start`);
        resume = null;
        continue;
      }
      throw err;
    }
  }
  if (finished === null || cp !== finished) {
    // A reader that yielded no final page (nothing to read) still completes its window.
    finished = done();
    const last = finished;
    const landing = ctx.committer.submit(async (tx) => {
      await ctx.state.put(tx, conn.name, stream.name, last);
      return 0;
    });
    ctx.committer.commitSoon();
    await landing.committed;
  }
  return finished;
}
