/**
 * A promise-chain mutex. DuckDB work goes through one connection, and a transaction's statements
 * must not interleave with anyone else's, so every use of the connection holds this first.
 */
export class Mutex {
  #tail: Promise<void> = Promise.resolve();
  #waiting = 0;

  /** Callers queued behind the holder. */
  get waiting(): number {
    return this.#waiting;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    const prev = this.#tail;
    this.#tail = prev.then(() => next);
    this.#waiting++;
    try {
      await prev;
    } finally {
      this.#waiting--;
    }
    try {
      return await fn();
    } finally {
      release();
    }
  }
}
