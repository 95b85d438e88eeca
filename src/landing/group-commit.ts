import type { Engine, EngineTx } from '../engine/engine.ts';

/** Work whose effect only the last of a group needs: a stream's checkpoint supersedes the one before. */
export interface Superseding {
  readonly key: string;
  write(tx: EngineTx): Promise<void>;
}

interface Job {
  readonly work: (tx: EngineTx) => Promise<void>;
  readonly lane: object | undefined;
  readonly then: Superseding | undefined;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Lands pages from many streams with as few commits as possible. Each page's rows and its
 * checkpoint still commit together (a page's work runs whole inside one transaction), but pages
 * that are waiting at the same moment share that transaction, so the commit cost (the WAL sync
 * that dominates small transactions) is paid once per group rather than once per page.
 *
 * Pages of one stream are submitted on one `lane` and commit in submission order. Once a page of a
 * lane fails, no later page of that lane commits: its checkpoint would point past the lost page.
 */
export class GroupCommitter {
  readonly #engine: Engine;
  readonly #maxGroup: number;
  readonly #failedLanes = new WeakMap<object, unknown>();
  #pending: Job[] = [];
  #draining = false;

  constructor(engine: Engine, maxGroup = 32) {
    this.#engine = engine;
    this.#maxGroup = maxGroup;
  }

  /**
   * Resolves once `work` (and `then`) have committed; rejects if they could not be. When several
   * jobs of a group carry a `then` with the same key, only the last one's runs: writing stream
   * state once per group instead of once per page.
   */
  submit(work: (tx: EngineTx) => Promise<void>, lane?: object, then?: Superseding): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ work, lane, then, resolve, reject });
      void this.#drain();
    });
  }

  /** Rejects a job whose lane already failed; true when it did. */
  #refuse(job: Job): boolean {
    if (!job.lane || !this.#failedLanes.has(job.lane)) return false;
    job.reject(this.#failedLanes.get(job.lane));
    return true;
  }

  #fail(job: Job, err: unknown): void {
    if (job.lane && !this.#failedLanes.has(job.lane)) this.#failedLanes.set(job.lane, err);
    job.reject(err);
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#pending.length > 0) {
        const group = this.#pending.splice(0, this.#maxGroup).filter((job) => !this.#refuse(job));
        if (group.length === 0) continue;
        try {
          await this.#engine.transaction(async (tx) => {
            const last = new Map<string, Superseding>();
            for (const job of group) {
              await job.work(tx);
              if (job.then) last.set(job.then.key, job.then);
            }
            for (const t of last.values()) await t.write(tx);
          });
          for (const job of group) job.resolve();
        } catch (err) {
          if (group.length === 1) {
            this.#fail(group[0]!, err);
            continue;
          }
          // One page's failure must not take its neighbours down: land each on its own, in order,
          // and stop a lane at its first failure.
          for (const job of group) {
            if (this.#refuse(job)) continue;
            try {
              await this.#engine.transaction(async (tx) => {
                await job.work(tx);
                await job.then?.write(tx);
              });
              job.resolve();
            } catch (e) {
              this.#fail(job, e);
            }
          }
        }
      }
    } finally {
      this.#draining = false;
    }
  }
}
