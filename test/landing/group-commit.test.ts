import { describe, expect, it } from 'vitest';
import type { Engine, EngineTx } from '../../src/engine/engine.ts';
import { GroupCommitter, LandingAborted, type CommitPolicy } from '../../src/landing/group-commit.ts';

/** An engine that records what each transaction did and whether it committed. */
function recordingEngine(opts: { othersWaiting?: () => boolean; failBegin?: boolean } = {}) {
  const transactions: { work: string[]; committed: boolean }[] = [];
  const engine = {
    async transaction<T>(fn: (tx: EngineTx) => Promise<T>): Promise<T> {
      if (opts.failBegin) throw new Error('cannot begin');
      const t = { work: [] as string[], committed: false };
      transactions.push(t);
      const tx = { othersWaiting: opts.othersWaiting ?? (() => false), exec: async (sql: string) => void t.work.push(sql) } as unknown as EngineTx;
      const out = await fn(tx);
      t.committed = true;
      return out;
    },
  } as unknown as Engine;
  return { engine, transactions };
}

/** A page's work: records its name in the transaction and lands `rows` rows. */
const page = (name: string, rows = 1) => async (tx: EngineTx) => {
  await tx.exec(name);
  return rows;
};

// Waits are bounded only by the test's own timeout: a commit that never comes fails the test.
const FOREVER: CommitPolicy = { maxRows: Number.MAX_SAFE_INTEGER, maxOpenMs: 1e9, idleMs: 1e9 };

describe('GroupCommitter', () => {
  it('keeps one transaction open for pages from several streams until asked to commit', async () => {
    const { engine, transactions } = recordingEngine();
    const c = new GroupCommitter(engine, FOREVER);
    const a = {};
    const b = {};
    const first = c.submit(page('a1'), { lane: a });
    await first.appended;
    const rest = [c.submit(page('b1'), { lane: b }), c.submit(page('a2'), { lane: a })];
    await Promise.all(rest.map((l) => l.appended));
    expect(transactions).toEqual([{ work: ['a1', 'b1', 'a2'], committed: false }]);
    c.commitSoon();
    await Promise.all([first, ...rest].map((l) => l.committed));
    expect(transactions).toEqual([{ work: ['a1', 'b1', 'a2'], committed: true }]);
  });

  it('commits at maxRows, after idleMs without a page, and when other work waits for the engine', async () => {
    const byRows = recordingEngine();
    const c1 = new GroupCommitter(byRows.engine, { ...FOREVER, maxRows: 3 });
    const three = ['p1', 'p2', 'p3'].map((n) => c1.submit(page(n, 2)).committed);
    // The request covers every page submitted before it, across the commit that maxRows forces.
    c1.commitSoon();
    await Promise.all(three);
    expect(byRows.transactions).toEqual([
      { work: ['p1', 'p2'], committed: true },
      { work: ['p3'], committed: true },
    ]);

    const idle = recordingEngine();
    const c2 = new GroupCommitter(idle.engine, { ...FOREVER, idleMs: 5 });
    await c2.submit(page('alone')).committed;
    expect(idle.transactions).toEqual([{ work: ['alone'], committed: true }]);

    let waiting = false;
    const contended = recordingEngine({ othersWaiting: () => waiting });
    const c3 = new GroupCommitter(contended.engine, FOREVER);
    await c3.submit(page('x1')).appended;
    waiting = true;
    await c3.submit(page('x2')).committed;
    expect(contended.transactions).toEqual([{ work: ['x1', 'x2'], committed: true }]);
  });

  it('writes a superseding checkpoint once per transaction, after every page in it', async () => {
    const { engine, transactions } = recordingEngine();
    const c = new GroupCommitter(engine, FOREVER);
    const lane = {};
    const checkpoint = (n: number) => ({ key: 'acme.things', write: (tx: EngineTx) => tx.exec(`checkpoint ${n}`) });
    const landings = [1, 2, 3].map((n) => c.submit(page(`page ${n}`), { lane, then: checkpoint(n) }));
    c.commitSoon();
    await Promise.all(landings.map((l) => l.committed));
    expect(transactions).toEqual([{ work: ['page 1', 'page 2', 'page 3', 'checkpoint 3'], committed: true }]);
  });

  it("a failing page fails its stream and takes its transaction's other pages down with it, never a later page of either", async () => {
    const { engine, transactions } = recordingEngine();
    const c = new GroupCommitter(engine, FOREVER);
    const good = {};
    const bad = {};
    const told: string[] = [];
    const hooks = (name: string) => ({ onCommit: () => told.push(`${name} committed`), onRollback: () => told.push(`${name} rolled back`) });
    const committedFirst = c.submit(page('early'), { lane: good, ...hooks('early') });
    c.commitSoon();
    await committedFirst.committed;
    const neighbour = c.submit(page('neighbour'), { lane: good, ...hooks('neighbour') });
    const failing = c.submit(async () => {
      throw new Error('disk full');
    }, { lane: bad, ...hooks('failing') });
    const later = [c.submit(page('good later'), { lane: good }), c.submit(page('bad later'), { lane: bad })];
    await expect(failing.committed).rejects.toThrow('disk full');
    await expect(neighbour.committed).rejects.toBeInstanceOf(LandingAborted);
    await expect(neighbour.committed).rejects.toThrow('another page in the same transaction failed (disk full)');
    await expect(later[0]!.committed).rejects.toBeInstanceOf(LandingAborted);
    await expect(later[1]!.committed).rejects.toThrow('disk full');
    expect(told).toEqual(['early committed', 'neighbour rolled back', 'failing rolled back']);
    expect(transactions.map((t) => t.committed)).toEqual([true, false]);
    // Another stream carries on.
    const other = c.submit(page('other'), { lane: {} });
    c.commitSoon();
    await other.committed;
    expect(transactions.at(-1)).toEqual({ work: ['other'], committed: true });
  });

  it('when no transaction can begin, every waiting page fails rather than waits', async () => {
    const { engine } = recordingEngine({ failBegin: true });
    const c = new GroupCommitter(engine, FOREVER);
    const landings = [c.submit(page('a')), c.submit(page('b'))];
    for (const l of landings) await expect(l.committed).rejects.toThrow('cannot begin');
  });
});
