// This machine's clock 20 minutes ahead of the API server's (more than the 15-minute lookback):
// windows used to end in the server's future, the next window started past changes the server
// made in between, and 0 of 50 updates landed while the run said success.
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, extract, memoryLogger, startHostile, type Hostile } from './harness.ts';

const MIN = 60_000;

let h: Hostile | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe.each(ENGINES)('client clock 20 min ahead of the server ($name)', (eng) => {
  it('lands every update the server made after the first run, and says the clocks disagree', async () => {
    h = await startHostile();
    const T = h.world.now;
    let serverNow = T;
    h.proxy.set({ clock: () => serverNow });
    const wh = await eng.open();
    try {
      const log = memoryLogger();
      const first = await extract(wh.engine, h.config('/tmp/unused.duckdb'), { now: new Date(T + 20 * MIN), log });
      expect(first.ok).toBe(true);
      expect(log.lines).toContainEqual(expect.stringMatching(/^warn: acme: the API server.s clock is 20 min( \d+ s)? behind this machine.s/));

      // Two minutes later on the server's clock, 50 applications change.
      const changed = h.world.applications.slice(0, 50);
      for (const a of changed) a.updatedAt = T + 2 * MIN;
      serverNow = T + 3 * MIN;
      const second = await extract(wh.engine, h.config('/tmp/unused.duckdb'), { now: new Date(T + 23 * MIN) });
      expect(second.ok).toBe(true);

      const [row] = await wh.engine.query<{ n: number }>(
        `select count(*) as n from ${wh.engine.schemas.raw}.greenhouse__applications__latest where _updated_at = $1`,
        [new Date(T + 2 * MIN)],
      );
      expect(Number(row!.n)).toBe(50);
    } finally {
      await wh.dispose();
    }
  });
});
