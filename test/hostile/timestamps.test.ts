// A vendor sending updated times in another shape than before: epoch seconds where ISO strings
// were, or a value that is no timestamp at all. Those versions used to land as 1970 or NULL, and
// the latest-version view, ordering by updated time with NULLs last, kept the older version forever.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, extract, memoryLogger, startHostile, type Hostile } from './harness.ts';

const MIN = 60_000;
let h: Hostile;
beforeAll(async () => {
  h = await startHostile();
});
afterAll(() => h.stop());

const CASES = [
  ['epoch seconds', (t: number) => Math.floor(t / 1000), true],
  ['epoch seconds as a digit string', (t: number) => String(Math.floor(t / 1000)), true],
  ['a value that is no timestamp', () => 'updated recently', false],
] as const;

describe.each(ENGINES)('updated_at in another shape ($name)', (eng) => {
  it.each(CASES)('%s: the newer version wins in the latest view', async (_name, shape, dated) => {
    const T = h.world.now;
    const changed = h.world.applications.slice(0, 10);
    const before = changed.map((a) => a.updatedAt);
    const wh = await eng.open();
    try {
      expect((await extract(wh.engine, h.config('/tmp/unused.duckdb'), { now: new Date(T + MIN) })).ok).toBe(true);
      for (const a of changed) a.updatedAt = T + 2 * MIN;
      const ids = new Set(changed.map((a) => a.id));
      h.proxy.set({
        mapRecord: { path: '/v3/applications', fn: (r) => (ids.has(r['id'] as number) ? { ...r, updated_at: shape(T + 2 * MIN) } : r) },
      });
      const log = memoryLogger();
      // A full refresh re-reads every record, so unchanged ones get a second version too.
      expect((await extract(wh.engine, h.config('/tmp/unused.duckdb'), { now: new Date(T + 3 * MIN), fullRefresh: true, log })).ok).toBe(true);

      const rows = await wh.engine.query<{ id: string; u: Date | null; p: string }>(
        `select _record_id as id, _updated_at as u, cast(_payload as text) as p from ${wh.engine.schemas.raw}.greenhouse__applications__latest`,
      );
      const latest = new Map(rows.map((r) => [r.id, r]));
      for (const a of changed) {
        const row = latest.get(String(a.id))!;
        expect(JSON.parse(row.p).updated_at).toEqual(shape(T + 2 * MIN));
        expect(row.u).toEqual(dated ? new Date(Math.floor((T + 2 * MIN) / 1000) * 1000) : null);
      }
      if (dated) expect(log.lines.filter((l) => /not a timestamp/.test(l))).toEqual([]);
      else {
        expect(log.lines).toContainEqual(
          'warn: greenhouse applications (connection acme): 10 records have updated times that are not a timestamp (e.g. "updated recently"); ' +
            'landed with _updated_at null, and their versions are ordered by landing sequence',
        );
      }
    } finally {
      changed.forEach((a, i) => (a.updatedAt = before[i]!));
      h.proxy.set({});
      await wh.dispose();
    }
  });
});
