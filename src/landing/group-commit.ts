import type { Engine, EngineTx } from '../engine/engine.ts';

/** Work whose effect only the last of a group needs: a stream's checkpoint supersedes the one before. */
export interface Superseding {
  readonly key: string;
  write(tx: EngineTx): Promise<void>;
}

/** One page handed to the committer: when its rows are in the open transaction, and when they are durable. */
export interface Landing {
  /** The page's work has run inside the open transaction: the producer may hand over more. */
  readonly appended: Promise<void>;
  /** The transaction holding the page (and its checkpoint) has committed. */
  readonly committed: Promise<void>;
}

/**
 * When the open transaction commits. Larger transactions are cheaper per row by far: a DuckDB
 * commit writes what it appended to the WAL (and a checkpoint writes it again), while a table's
 * appends that fill whole row groups inside one transaction go to the database file once,
 * compressed; and every commit also rewrites each stream's checkpoint.
 */
export interface CommitPolicy {
  /** Rows (all tables) after which the transaction commits. */
  readonly maxRows: number;
  /** The longest a transaction stays open: what a crash can make the next run read again. */
  readonly maxOpenMs: number;
  /** How long an open transaction waits for another page before it commits. */
  readonly idleMs: number;
}

/**
 * DuckDB fills a row group at 122,880 rows; four streams landing at once need about four times
 * that for each table's share to fill one. Two seconds bound what a crash costs.
 */
export const DEFAULT_COMMIT_POLICY: CommitPolicy = { maxRows: 500_000, maxOpenMs: 2_000, idleMs: 20 };

/** How a job is committed, besides its work. */
export interface JobOptions {
  /** The stream whose pages commit in order: once one fails, no later one commits. */
  readonly lane?: object;
  /** Written once per transaction per key, after the work of every job in it. */
  readonly then?: Superseding;
  /**
   * Told synchronously when the job's transaction has committed or rolled back, before any later
   * transaction's work runs (what the work staged in memory becomes true, or is forgotten).
   */
  readonly onCommit?: () => void;
  readonly onRollback?: () => void;
}

interface Job extends JobOptions {
  /** Its place in submission order (from 1). */
  readonly seq: number;
  readonly work: (tx: EngineTx) => Promise<number>;
  readonly appended: Settle;
  readonly committed: Settle;
}

/** What a transaction keeps of a job once its work has run (not the work, which holds the page). */
type Taken = Omit<Job, 'work' | 'then'>;

interface Settle {
  resolve(): void;
  reject(err: unknown): void;
}

function settled(): { promise: Promise<void>; settle: Settle } {
  let settle!: Settle;
  const promise = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  // Whoever waits on it sees a rejection; nobody waiting is not an "unhandled" one.
  promise.catch(() => undefined);
  return { promise, settle };
}

/** The error of a page that did not commit because another page of its transaction failed. */
export class LandingAborted extends Error {
  constructor(cause: unknown) {
    super(`not landed: another page in the same transaction failed (${(cause as Error)?.message ?? String(cause)})`, { cause });
    this.name = 'LandingAborted';
  }
}

/**
 * Lands pages from many streams with as few commits as possible. Each page's rows and its
 * checkpoint commit together (a page's work runs whole inside one transaction), and the
 * transaction stays open while pages keep coming: it commits at `maxRows` rows or `maxOpenMs`,
 * after `idleMs` without a page, when a producer asks (`commitSoon`, e.g. at the end of a window),
 * or when other work waits for the engine.
 *
 * Pages of one stream are submitted on one `lane` and commit in submission order. Once a page of a
 * lane fails, no later page of that lane commits: its checkpoint would point past the lost page.
 * A transaction that fails loses all of its pages (their checkpoints with them, so the next run
 * reads them again); producers check what they can before submitting (record keys, timestamps), so
 * what is left to fail is the engine itself.
 */
export class GroupCommitter {
  readonly #engine: Engine;
  readonly #policy: CommitPolicy;
  readonly #failedLanes = new WeakMap<object, unknown>();
  #pending: Job[] = [];
  #draining = false;
  /** Jobs submitted so far, and how many of them someone has asked to see committed (`commitSoon`). */
  #submitted = 0;
  #commitThrough = 0;
  #wake: (() => void) | null = null;

  constructor(engine: Engine, policy: CommitPolicy = DEFAULT_COMMIT_POLICY) {
    this.#engine = engine;
    this.#policy = policy;
  }

  /**
   * Queues `work` (which returns the rows it landed). When several jobs of a transaction carry a
   * `then` with the same key, only the last one's runs: stream state is written once per commit.
   */
  submit(work: (tx: EngineTx) => Promise<number>, opts: JobOptions = {}): Landing {
    const appended = settled();
    const committed = settled();
    this.#pending.push({ ...opts, seq: ++this.#submitted, work, appended: appended.settle, committed: committed.settle });
    this.#wake?.();
    void this.#drain();
    return { appended: appended.promise, committed: committed.promise };
  }

  /** Someone waits for what they submitted to be durable: commit once the pages now queued are in. */
  commitSoon(): void {
    this.#commitThrough = this.#submitted;
    this.#wake?.();
  }

  #fail(job: Taken, err: unknown): void {
    job.onRollback?.();
    if (job.lane && !this.#failedLanes.has(job.lane)) this.#failedLanes.set(job.lane, err);
    job.appended.reject(err);
    job.committed.reject(err);
  }

  /** The next queued job whose lane has not failed (jobs of failed lanes are refused on the way). */
  #next(): Job | undefined {
    for (let job = this.#pending.shift(); job; job = this.#pending.shift()) {
      const failed = job.lane ? this.#failedLanes.get(job.lane) : undefined;
      if (failed === undefined) return job;
      this.#fail(job, failed);
    }
    return undefined;
  }

  /** Waits up to `ms` for a job or a commit request; true when one came. */
  #arrival(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), Math.max(0, ms));
      const done = (came: boolean): void => {
        clearTimeout(timer);
        this.#wake = null;
        resolve(came);
      };
      this.#wake = () => done(true);
    });
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      for (;;) {
        // Refused jobs at the head of the queue need no transaction of their own.
        for (let head = this.#pending[0]; head?.lane && this.#failedLanes.has(head.lane); head = this.#pending[0]) {
          this.#fail(this.#pending.shift()!, this.#failedLanes.get(head.lane));
        }
        if (this.#pending.length === 0) break;
        await this.#landGroup();
      }
    } finally {
      this.#draining = false;
    }
  }

  async #landGroup(): Promise<void> {
    const { maxRows, maxOpenMs, idleMs } = this.#policy;
    const group: Taken[] = [];
    let working: Taken | undefined;
    try {
      await this.#engine.transaction(async (tx) => {
        const opened = performance.now();
        const last = new Map<string, Superseding>();
        let rows = 0;
        // Jobs taken from here on have a later seq than any before.
        const first = this.#submitted - this.#pending.length + 1;
        for (;;) {
          const job = this.#next();
          if (job) {
            const { work, then, ...taken } = job;
            group.push((working = taken));
            rows += await work(tx);
            working = undefined;
            job.appended.resolve();
            if (then) last.set(then.key, then);
          }
          const open = performance.now() - opened;
          if (rows >= maxRows || open >= maxOpenMs || tx.othersWaiting()) break;
          if (job) continue;
          // Nothing queued, so every job asked for is in this transaction (or an earlier one).
          if (this.#commitThrough >= first || !(await this.#arrival(Math.min(idleMs, maxOpenMs - open)))) break;
        }
        for (const t of last.values()) await t.write(tx);
      });
      for (const job of group) job.onCommit?.();
      for (const job of group) job.committed.resolve();
    } catch (err) {
      // The page whose work threw carries the error and the rest were lost with it; a failed commit
      // is every page's own failure.
      for (const job of group) this.#fail(job, working && job !== working ? new LandingAborted(err) : err);
      // No transaction could even begin: what waits would only meet the same failure.
      if (group.length === 0) for (let job = this.#pending.shift(); job; job = this.#pending.shift()) this.#fail(job, err);
    }
  }
}
