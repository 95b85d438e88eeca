import type { Engine, EngineTx } from '../engine/engine.ts';

interface Job {
  readonly work: (tx: EngineTx) => Promise<void>;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

/**
 * Lands pages from many streams with as few commits as possible. Each page's rows and its
 * checkpoint still commit together (a page's work runs whole inside one transaction), but pages
 * that are ready at the same moment share that transaction, so the commit cost (the WAL sync that
 * dominates small transactions) is paid once per group rather than once per page.
 */
export class GroupCommitter {
  readonly #engine: Engine;
  readonly #maxGroup: number;
  #pending: Job[] = [];
  #draining = false;

  constructor(engine: Engine, maxGroup = 16) {
    this.#engine = engine;
    this.#maxGroup = maxGroup;
  }

  /** Resolves once `work` has committed; rejects if it could not be. */
  submit(work: (tx: EngineTx) => Promise<void>): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#pending.push({ work, resolve, reject });
      void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    if (this.#draining) return;
    this.#draining = true;
    try {
      while (this.#pending.length > 0) {
        const group = this.#pending.splice(0, this.#maxGroup);
        try {
          await this.#engine.transaction(async (tx) => {
            for (const job of group) await job.work(tx);
          });
          for (const job of group) job.resolve();
        } catch (err) {
          if (group.length === 1) {
            group[0]!.reject(err);
            continue;
          }
          // One page's failure must not take its neighbours down: land each on its own.
          for (const job of group) {
            try {
              await this.#engine.transaction((tx) => job.work(tx));
              job.resolve();
            } catch (e) {
              job.reject(e);
            }
          }
        }
      }
    } finally {
      this.#draining = false;
    }
  }
}
