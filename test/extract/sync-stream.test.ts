import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import { defineStream, type StreamPage } from '../../src/extract/source.ts';
import { syncStream } from '../../src/extract/sync-stream.ts';
import { childStream } from '../../src/extract/fan-out.ts';
import { GroupCommitter } from '../../src/landing/group-commit.ts';
import { Redactor } from '../../src/http/index.ts';
import { silentLogger } from '../../src/log/logger.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { RunLog } from '../../src/state/run-log.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { connectionBaseSchema } from '../../src/config/schema.ts';
import { tempDir } from '../helpers/tmp.ts';

type Rec = { id: number; updated_at: string };

/** An in-memory "vendor": pages of records filtered by the window, resumable by page index. */
function memoryStream(records: Rec[], pageSize: number, failAfterPages?: { n: number }) {
  const reads: { since: Date | null; until: Date; resume: string | null }[] = [];
  const stream = defineStream<null>({
    name: 'things',
    sync: 'incremental',
    recordId: (r) => String((r as Rec).id),
    updatedAt: (r) => (r as Rec).updated_at,
    async *read(_s, req): AsyncIterable<StreamPage> {
      reads.push({ since: req.window.since, until: req.window.until, resume: req.resume });
      const rows = records.filter((r) => (!req.window.since || Date.parse(r.updated_at) >= req.window.since.getTime()) && Date.parse(r.updated_at) < req.window.until.getTime());
      let page = req.resume ? Number(req.resume) : 0;
      for (;;) {
        if (failAfterPages && failAfterPages.n-- <= 0) throw new Error('connection reset by peer');
        const slice = rows.slice(page * pageSize, (page + 1) * pageSize);
        const more = (page + 1) * pageSize < rows.length;
        page++;
        yield { records: slice, resume: more ? String(page) : null };
        if (!more) return;
      }
    },
  });
  return { stream, reads };
}

describe('syncStream', () => {
  let dir: { dir: string; cleanup: () => void };
  let engine: DuckDbEngine;
  const connection = connectionBaseSchema.parse({ name: 'acme', source: 'mem', lookback_minutes: 0 });
  const base = () => ({
    engine,
    state: new StateStore('hirelake'),
    runLog: new RunLog('hirelake'),
    committer: new GroupCommitter(engine),
    source: { name: 'mem' } as never,
    session: null,
    connection,
    fullRefresh: false,
    log: silentLogger,
    redactor: new Redactor().add('s3cret-token-value'),
    signal: new AbortController().signal,
  });
  const counters = () => ({ pages: 0, records: 0, requests: 0, retries: 0, unchanged: 0, unchangedBytes: 0 });
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const recs = Array.from({ length: 25 }, (_, i) => ({ id: i + 1, updated_at: new Date(t0 + i * 60_000).toISOString() }));

  beforeEach(async () => {
    dir = tempDir();
    engine = await DuckDbEngine.open({ path: join(dir.dir, 'w.duckdb') });
    await ensureMetaSchema(engine);
  });
  afterEach(async () => {
    await engine.close();
    dir.cleanup();
  });

  const latest = () => engine.query<{ id: string }>('select _record_id as id from raw.mem__things__latest order by cast(_record_id as integer)');
  const rawCount = async () => (await engine.query<{ n: number }>('select count(*) as n from raw.mem__things'))[0]!.n;

  it('lands every page, checkpoints, and a second run reads only the new window', async () => {
    const { stream, reads } = memoryStream(recs, 10);
    const now1 = new Date(t0 + 3_600_000);
    await syncStream({ ...base(), stream, runId: 'r1', now: now1, counters: counters() });
    expect((await latest()).length).toBe(25);
    const state = await new StateStore('hirelake').get(engine, 'acme', 'things');
    expect(state).toEqual({ watermark: now1.toISOString(), pending: null, start_date: null });
    await syncStream({ ...base(), stream, runId: 'r2', now: new Date(t0 + 7_200_000), counters: counters() });
    expect(reads[1]!.since?.toISOString()).toBe(now1.toISOString());
    expect(await rawCount()).toBe(25);
  });

  it('a crash mid-stream keeps landed pages and the next run resumes after them', async () => {
    const failing = memoryStream(recs, 10, { n: 2 });
    const now = new Date(t0 + 3_600_000);
    await expect(syncStream({ ...base(), stream: failing.stream, runId: 'r1', now, counters: counters() })).rejects.toThrow('connection reset');
    expect(await rawCount()).toBe(20);
    const mid = await new StateStore('hirelake').get(engine, 'acme', 'things');
    expect(mid.watermark).toBeNull();
    expect(mid.pending).toMatchObject({ resume: '2', pages: 2, until: now.toISOString() });
    const ok = memoryStream(recs, 10);
    await syncStream({ ...base(), stream: ok.stream, runId: 'r2', now: new Date(t0 + 7_200_000), counters: counters() });
    expect(ok.reads[0]).toMatchObject({ resume: '2' });
    expect(ok.reads[0]!.until.toISOString()).toBe(now.toISOString());
    // After the resumed window, the same run reads what changed since that window's end.
    expect(ok.reads[1]!.since?.toISOString()).toBe(now.toISOString());
    expect(await rawCount()).toBe(25);
    expect((await latest()).map((r) => Number(r.id))).toEqual(recs.map((r) => r.id));
    const runs = await engine.query<{ run_id: string; status: string; pages: number; error: string | null }>('select run_id, status, pages, error from hirelake.runs order by run_id');
    expect(runs).toEqual([
      { run_id: 'r1', status: 'failed', pages: 2, error: 'connection reset by peer' },
      { run_id: 'r2', status: 'succeeded', pages: 2, error: null },
    ]);
  });

  it('a page that fails to land stops its stream there: no later page commits, the checkpoint stays before it', async () => {
    const bad = recs.map((r) => (r.id === 13 ? { ...r, id: -13 } : r));
    const { stream } = memoryStream(bad, 5);
    const strict = { ...stream, recordId: (r: unknown) => {
      const id = (r as Rec).id;
      if (id < 0) throw new Error(`record ${id} cannot be landed`);
      return String(id);
    } };
    const now = new Date(t0 + 3_600_000);
    await expect(syncStream({ ...base(), stream: strict, runId: 'r1', now, counters: counters() })).rejects.toThrow('record -13 cannot be landed');
    // Pages 1-2 landed; page 3 (ids 11-15) failed; pages 4-5 had been handed over but must not land.
    expect(await rawCount()).toBe(10);
    const state = await new StateStore('hirelake').get(engine, 'acme', 'things');
    expect(state).toMatchObject({ watermark: null, pending: { resume: '2', pages: 2 } });
  });

  it('keeps secrets out of the run log even when an error message carries one', async () => {
    const { stream } = memoryStream(recs, 10);
    const leaky = { ...stream, async *read() { throw new Error('upstream said: token s3cret-token-value is invalid'); } };
    await expect(syncStream({ ...base(), stream: leaky, runId: 'r1', now: new Date(t0 + 60_000), counters: counters() })).rejects.toThrow();
    const [run] = await engine.query<{ error: string }>('select error from hirelake.runs');
    expect(run!.error).toBe('upstream said: token [REDACTED] is invalid');
  });

  it('the latest-version view keeps the newest version of a record that changed', async () => {
    const v1 = [{ id: 1, updated_at: new Date(t0).toISOString() }];
    await syncStream({ ...base(), stream: memoryStream(v1, 10).stream, runId: 'r1', now: new Date(t0 + 60_000), counters: counters() });
    const v2 = [{ id: 1, updated_at: new Date(t0 + 120_000).toISOString() }];
    await syncStream({ ...base(), stream: memoryStream(v2, 10).stream, runId: 'r2', now: new Date(t0 + 180_000), counters: counters() });
    expect(await rawCount()).toBe(2);
    const rows = await engine.query<{ u: Date; run: string }>('select _updated_at as u, _run_id as run from raw.mem__things__latest');
    expect(rows).toEqual([{ u: new Date(t0 + 120_000), run: 'r2' }]);
  });
  it("carries a stream's own sync state to its next window: kept through a crash, replaced only by a window's last page, dropped by a full refresh", async () => {
    // A vendor whose reads are keyed by its own token: the token names how many records it has seen.
    const seen: (string | null)[] = [];
    let crashAfter: number | null = null;
    const tokenStream = defineStream<null>({
      name: 'things',
      sync: 'incremental',
      primaryKey: 'id',
      cursorField: null,
      async *read(_s, req): AsyncIterable<StreamPage> {
        seen.push(req.syncState);
        const from = req.syncState === null ? 0 : Number(req.syncState);
        let page = req.resume ? Number(req.resume) : 0;
        const rows = recs.slice(from);
        for (;;) {
          if (crashAfter !== null && page >= crashAfter) throw new Error('connection reset by peer');
          const more = (page + 1) * 10 < rows.length;
          const slice = rows.slice(page * 10, (page + 1) * 10);
          page++;
          yield more ? { records: slice, resume: String(page) } : { records: slice, resume: null, syncState: String(recs.length) };
          if (!more) return;
        }
      },
    });
    const store = new StateStore('hirelake');
    const run = (runId: string, minutes: number, extra: object = {}) =>
      syncStream({ ...base(), ...extra, stream: tokenStream, runId, now: new Date(t0 + minutes * 60_000), counters: counters() });
    crashAfter = 1;
    await expect(run('r1', 60)).rejects.toThrow('connection reset');
    expect((await store.get(engine, 'acme', 'things')).syncState).toBeUndefined();
    crashAfter = null;
    await run('r2', 120);
    // The resumed window keeps reading without a token; the window after it (same run) gets the new one.
    expect(seen).toEqual([null, null, '25']);
    expect((await store.get(engine, 'acme', 'things')).syncState).toBe('25');
    await run('r3', 180);
    expect(seen[3]).toBe('25');
    await run('r4', 240, { fullRefresh: true });
    expect(seen[4]).toBeNull();
    // The full refresh read all 25 again; none had changed, so none landed again (landing/unchanged.ts).
    expect(await rawCount()).toBe(10 + 15);
  });

  it('a child stream fetches only for parents changed in its window, and only those with the field it names', async () => {
    const flagged = (r: Rec) => ({ ...r, offer_at: r.id % 3 === 0 ? r.updated_at : null });
    const asked: Record<string, string[]> = { all: [], offer_at: [] };
    const child = (having?: 'offer_at') => childStream<null>({
      name: `kids_${having ?? 'all'}`,
      parent: 'things',
      primaryKey: 'id',
      cursorField: null,
      ...(having ? { parentsHaving: having } : {}),
      batch: 4,
      async children(_s, parentId) {
        asked[having ?? 'all']!.push(parentId);
        return [{ id: `${parentId}-k` }];
      },
    });
    const run = async (parents: Rec[], now: Date, runId: string) => {
      await syncStream({ ...base(), stream: memoryStream(parents.map(flagged), 10).stream, runId, now, counters: counters() });
      for (const having of [undefined, 'offer_at'] as const) await syncStream({ ...base(), stream: child(having), runId, now, counters: counters() });
    };
    const now1 = new Date(t0 + 3_600_000);
    await run(recs, now1, 'r1');
    // A first sync fetches for every parent (ids sorted as text).
    const all = recs.map((r) => String(r.id)).sort();
    expect(asked['all']).toEqual(all);
    expect(asked['offer_at']).toEqual(all.filter((id) => Number(id) % 3 === 0));
    asked['all'] = [];
    asked['offer_at'] = [];
    const changed = [5, 6].map((id) => ({ id, updated_at: new Date(now1.getTime() + 60_000).toISOString() }));
    await run(changed, new Date(now1.getTime() + 3_600_000), 'r2');
    expect(asked['all']).toEqual(['5', '6']);
    expect(asked['offer_at']).toEqual(['6']);
  });
});
