import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { connectionBaseSchema } from '../../src/config/schema.ts';
import { DuckDbEngine } from '../../src/engine/duckdb/duckdb-engine.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { qualified } from '../../src/engine/identifiers.ts';
import { defineStream, type StreamPage } from '../../src/extract/source.ts';
import { syncStream } from '../../src/extract/sync-stream.ts';
import { Redactor } from '../../src/http/index.ts';
import { GroupCommitter } from '../../src/landing/group-commit.ts';
import { ensureRawTable, RAW_COLUMNS, rawTableRef } from '../../src/landing/raw-table.ts';
import { LatestVersions } from '../../src/landing/unchanged.ts';
import { createLogger, silentLogger, type Logger } from '../../src/log/logger.ts';
import { ensureMetaSchema } from '../../src/state/meta-ddl.ts';
import { RunLog } from '../../src/state/run-log.ts';
import { StateStore } from '../../src/state/state-store.ts';
import { pgWarehouse } from '../helpers/postgres.ts';
import { tempDir } from '../helpers/tmp.ts';

type Rec = { id: number; updated_at: string | null; name: string; tags?: string[] };

const t0 = Date.parse('2026-01-01T00:00:00Z');
const at = (min: number) => new Date(t0 + min * 60_000).toISOString();

/** A vendor whose whole list is served on every read (a full stream), or filtered by the window. */
function vendor(name: string, sync: 'incremental' | 'full', records: () => Rec[]) {
  return defineStream<null>({
    name,
    sync,
    primaryKey: 'id',
    cursorField: 'updated_at',
    async *read(_s, req): AsyncIterable<StreamPage> {
      const since = req.window.since?.getTime() ?? -Infinity;
      const rows = records().filter((r) => sync === 'full' || r.updated_at === null || Date.parse(r.updated_at) >= since);
      for (let i = 0; i < rows.length; i += 3) yield { records: rows.slice(i, i + 3), resume: i + 3 < rows.length ? String(i + 3) : null };
      if (rows.length === 0) yield { records: [], resume: null };
    },
  });
}

function suite(kind: string, open: () => Promise<{ engine: Engine; dispose(): Promise<void> }>) {
  describe(`raw-zone compaction at landing (${kind})`, () => {
    let w: { engine: Engine; dispose(): Promise<void> };
    beforeAll(async () => {
      w = await open();
      await ensureMetaSchema(w.engine);
    });
    afterAll(() => w.dispose());

    const connection = connectionBaseSchema.parse({ name: 'acme', source: 'mem', lookback_minutes: 30 });
    const run = async (stream: ReturnType<typeof vendor>, runId: string, nowMin: number, log: Logger = silentLogger) => {
      const counters = { pages: 0, records: 0, requests: 0, retries: 0, unchanged: 0, unchangedBytes: 0 };
      await syncStream({
        engine: w.engine,
        state: new StateStore(w.engine.schemas.meta),
        runLog: new RunLog(w.engine.schemas.meta),
        committer: new GroupCommitter(w.engine),
        source: { name: 'mem' } as never,
        session: null,
        connection,
        fullRefresh: false,
        log,
        redactor: new Redactor(),
        signal: new AbortController().signal,
        stream,
        runId,
        now: new Date(t0 + nowMin * 60_000),
        counters,
      });
      return counters;
    };
    const versions = async (table: string) =>
      w.engine.query<{ id: string; run: string }>(`select _record_id as id, _run_id as run from ${qualified(w.engine.schemas.raw, `mem__${table}`)} order by cast(_record_id as integer), _extracted_at`);
    const latest = async (table: string) =>
      w.engine.query<{ id: string; payload: string }>(`select _record_id as id, cast(_payload as text) as payload from ${qualified(w.engine.schemas.raw, `mem__${table}__latest`)} order by cast(_record_id as integer)`);

    it('a lookback window re-reading unchanged records lands none of them again, and counts them', async () => {
      const recs: Rec[] = [
        { id: 1, updated_at: at(10), name: 'a', tags: ['x', 'y'] },
        { id: 2, updated_at: at(50), name: 'b' },
        { id: 3, updated_at: at(55), name: 'c' },
      ];
      const s = vendor('apps', 'incremental', () => recs);
      const first = await run(s, 'r1', 60);
      expect(first).toMatchObject({ records: 3, unchanged: 0 });
      // The next window starts 30 minutes before the last one ended: 2 and 3 are read again, 3 has changed.
      recs[2] = { id: 3, updated_at: at(70), name: 'c2' };
      recs.push({ id: 4, updated_at: at(80), name: 'd' });
      const second = await run(s, 'r2', 90);
      expect(second).toMatchObject({ records: 2, unchanged: 1 });
      expect(second.unchangedBytes).toBe(Buffer.byteLength(JSON.stringify(recs[1])));
      expect(await versions('apps')).toEqual([
        { id: '1', run: 'r1' },
        { id: '2', run: 'r1' },
        { id: '3', run: 'r1' },
        { id: '3', run: 'r2' },
        { id: '4', run: 'r2' },
      ]);
      // Nothing changed since: the lookback re-reads 3 and 4, lands neither.
      const third = await run(s, 'r3', 120);
      expect(third).toMatchObject({ records: 0, unchanged: 2 });
      expect((await latest('apps')).map((r) => [r.id, JSON.parse(r.payload).name])).toEqual([['1', 'a'], ['2', 'b'], ['3', 'c2'], ['4', 'd']]);
      const [logged] = await w.engine.query<{ unchanged: number; unchanged_bytes: number }>(
        `select unchanged, unchanged_bytes from ${qualified(w.engine.schemas.meta, 'runs')} where run_id = 'r3'`,
      );
      expect(Number(logged!.unchanged)).toBe(2);
      expect(Number(logged!.unchanged_bytes)).toBe(third.unchangedBytes);
    });

    it('a full list lands only what changed; records without updated times compare with their newest landing', async () => {
      let recs: Rec[] = [
        { id: 1, updated_at: null, name: 'a' },
        { id: 2, updated_at: null, name: 'b' },
        { id: 3, updated_at: at(5), name: 'c' },
      ];
      const s = vendor('users', 'full', () => recs);
      expect(await run(s, 'f1', 10)).toMatchObject({ records: 3, unchanged: 0 });
      expect(await run(s, 'f2', 20)).toMatchObject({ records: 0, unchanged: 3 });
      // 1 changes and changes back: each is a new latest (by landing sequence), so each lands.
      recs = [{ ...recs[0]!, name: 'a2' }, recs[1]!, recs[2]!];
      expect(await run(s, 'f3', 30)).toMatchObject({ records: 1, unchanged: 2 });
      recs = [{ ...recs[0]!, name: 'a' }, recs[1]!, recs[2]!];
      expect(await run(s, 'f4', 40)).toMatchObject({ records: 1, unchanged: 2 });
      expect((await latest('users')).map((r) => JSON.parse(r.payload).name)).toEqual(['a', 'b', 'c']);
      // Key order is not a change (Postgres keeps jsonb in its own order).
      recs = recs.map((r) => ({ name: r.name, updated_at: r.updated_at, id: r.id }));
      expect(await run(s, 'f5', 50)).toMatchObject({ records: 0, unchanged: 3 });
    });

    it('an older version re-read after a newer one landed is landed (it is not the latest) and does not win', async () => {
      const recs: Rec[] = [{ id: 7, updated_at: at(100), name: 'new' }];
      const s = vendor('offers', 'full', () => recs);
      await run(s, 'o1', 110);
      recs[0] = { id: 7, updated_at: at(90), name: 'old' };
      expect(await run(s, 'o2', 120)).toMatchObject({ records: 1, unchanged: 0 });
      // The old one again: still not equal to the latest (the newer one), so it lands again.
      expect(await run(s, 'o3', 130)).toMatchObject({ records: 1, unchanged: 0 });
      expect((await latest('offers')).map((r) => JSON.parse(r.payload).name)).toEqual(['new']);
    });

    it('a payload the engine cannot store as sent (a cut emoji, NUL) lands with U+FFFD and still compares equal when re-read', async () => {
      // A note cut at a UTF-16 boundary: JSON.stringify sends the lone high surrogate as "\ud83d".
      const recs: Rec[] = [
        { id: 1, updated_at: at(5), name: 'Great call \ud83d', tags: ['\ud83d\ude00 kept', 'nul\u0000here', 'lone low \ude00'] },
        { id: 2, updated_at: at(6), name: 'plain' },
      ];
      const s = vendor('notes', 'incremental', () => recs);
      const warnings: string[] = [];
      const log = createLogger({ format: 'json', level: 'warn', write: (l) => warnings.push((JSON.parse(l) as { msg: string }).msg) });
      expect(await run(s, 'n1', 10, log)).toMatchObject({ records: 2, unchanged: 0 });
      expect(warnings).toEqual([
        'mem notes (connection acme): 1 record holds text no warehouse stores as sent (a lone UTF-16 surrogate, as a text cut in the middle of an emoji leaves, or NUL); landed with U+FFFD in its place',
      ]);
      const [first] = await latest('notes');
      const stored = JSON.parse(first!.payload) as Rec;
      expect(stored.name).toBe('Great call \ufffd');
      expect(stored.tags![0]).toBe('\ud83d\ude00 kept');
      expect(stored.tags![2]).toBe('lone low \ufffd');
      // Postgres cannot hold NUL; DuckDB could, but both raw zones hold the same text.
      expect(stored.tags![1]).toBe('nul\ufffdhere');
      // The lookback reads both again: neither is a change, though the stored text differs from what was sent.
      warnings.length = 0;
      expect(await run(s, 'n2', 20, log)).toMatchObject({ records: 0, unchanged: 2 });
      expect(warnings).toEqual([]);
    });
  });
}

suite('duckdb', async () => {
  const dir = tempDir();
  const engine = await DuckDbEngine.open({ path: join(dir.dir, 'w.duckdb') });
  return {
    engine,
    async dispose() {
      await engine.close();
      dir.cleanup();
    },
  };
});
suite('postgres', () => pgWarehouse());

describe('the latest versions while pages share an open transaction', () => {
  it('a later page compares with what an earlier page of the same transaction appended; a rollback forgets it, a commit keeps it', async () => {
    const dir = tempDir();
    const engine = await DuckDbEngine.open({ path: join(dir.dir, 'w.duckdb') });
    try {
      const table = rawTableRef(engine, 'mem', 'things');
      await ensureRawTable(engine, table);
      const updated = new Date(at(0));
      const v1 = { id: 1, updated_at: at(0), name: 'Ann' };
      // The same updated time and another payload: landed after v1, it would be the latest.
      const v2 = { ...v1, name: 'Anne' };
      await engine.transaction((tx) => tx.bulkInsert(table, RAW_COLUMNS, [['acme', '1', updated, new Date(at(1)), 'r0', false, JSON.stringify(v1)]]));
      const latest = await LatestVersions.load(engine, table, 'acme', null);
      const first = latest.page();
      expect(first.unchanged('1', updated, false, v1)).toBeGreaterThan(0);
      first.appended('1', updated, false, v2);
      const second = latest.page();
      expect(second.unchanged('1', updated, false, v1)).toBe(0);
      expect(second.unchanged('1', updated, false, v2)).toBeGreaterThan(0);
      first.discard();
      expect(latest.page().unchanged('1', updated, false, v1)).toBeGreaterThan(0);
      const again = latest.page();
      again.appended('1', updated, false, v2);
      again.commit();
      expect(latest.page().unchanged('1', updated, false, v1)).toBe(0);
      expect(latest.page().unchanged('1', updated, false, v2)).toBeGreaterThan(0);
    } finally {
      await engine.close();
      dir.cleanup();
    }
  });
});
