import { setMaxListeners } from 'node:events';

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

const EXIT_CODES: Record<InterruptSignal, number> = { SIGINT: 130, SIGTERM: 143 };

/**
 * SIGINT and SIGTERM for one CLI command. Work that can stop cleanly (extraction: streams stop
 * after their in-flight pages commit with their checkpoints) runs inside `cooperate`, and the
 * command ends when it has stopped. Everything else is atomic by construction (models and
 * exports are built aside and swapped in), so a signal outside `cooperate` ends the command at
 * once. A second signal never waits. Either way the exit code is 128 + the signal's number:
 * 130 for SIGINT, 143 for SIGTERM, as orchestrators expect.
 */
export class Interrupt {
  readonly #controller = new AbortController();
  #received: InterruptSignal | null = null;
  #cooperating = 0;
  #serving = 0;
  #expected = false;
  #abandon!: () => void;
  /** Resolves when the command must be abandoned rather than waited for. */
  readonly abandoned: Promise<void> = new Promise((resolve) => (this.#abandon = resolve));

  constructor() {
    setMaxListeners(0, this.#controller.signal);
  }

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  get received(): InterruptSignal | null {
    return this.#received;
  }

  /** 130 or 143 once a signal arrived, else null (also when the signal was a server's normal stop). */
  get exitCode(): number | null {
    return this.#received && !this.#expected ? EXIT_CODES[this.#received] : null;
  }

  /** What a handler does with a signal; exposed so tests can deliver one without a real signal. */
  deliver(sig: InterruptSignal, say: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
    if (this.#received) {
      say(`${sig} again: stopping now`);
      this.#abandon();
      return;
    }
    this.#received = sig;
    if (this.#serving > 0) {
      // A server's way to stop: it shuts down by itself and the command ends normally.
      this.#expected = true;
      return;
    }
    this.#controller.abort(sig);
    if (this.#cooperating > 0) {
      say(`${sig}: stopping; pages landed so far stay checkpointed and the next run resumes after them (send it again to stop at once)`);
    } else {
      this.#abandon();
    }
  }

  /** Runs work that stops cleanly on `signal`: a first signal waits for it instead of abandoning it. */
  async cooperate<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.#cooperating++;
    try {
      return await fn(this.signal);
    } finally {
      // The command carries on to its own end: it sees `signal` and reports the interruption.
      this.#cooperating--;
    }
  }

  /** Runs a server, for which a signal is the normal way to stop (exit 0 once it has shut down). */
  async serving<T>(fn: () => Promise<T>): Promise<T> {
    this.#serving++;
    this.#cooperating++;
    try {
      return await fn();
    } finally {
      this.#serving--;
      this.#cooperating--;
    }
  }

  /** Installs the process handlers; returns their removal. */
  install(): () => void {
    const onInt = () => this.deliver('SIGINT');
    const onTerm = () => this.deliver('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    return () => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
  }
}
