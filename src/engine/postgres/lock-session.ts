import { setMaxListeners } from 'node:events';
import pg from 'pg';
import type { ClientConfig } from 'pg';
import { HirelakeError } from '../../core/errors.ts';
import { Mutex } from '../mutex.ts';

/** How often a waiting holder asks again; try-locks never block the one shared session. */
const POLL_MIN_MS = 100;
const POLL_MAX_MS = 2_000;

export interface HeldLock {
  /** Aborts if the session holding the lock is lost (the server then has released it too). */
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/**
 * One Postgres session that holds every session-level advisory lock of this process, so locks
 * cost one backend however many connections run (a session per lock would need 500 backends for
 * 500 connections, five times Postgres's default max_connections).
 *
 * Advisory locks are re-entrant within a session, so two holders in this process are kept apart
 * here with a mutex per key, and the server only ever sees `pg_try_advisory_lock`: a blocking
 * `pg_advisory_lock` would stall every other lock and unlock queued on the same session. Waiting
 * holders poll instead.
 */
export class PgLockSession {
  readonly #config: ClientConfig;
  readonly #onConnectError: (err: unknown) => Error;
  #client: Promise<pg.Client> | null = null;
  #lost = lostController();
  /** pg 8 only warns about overlapping queries on one client and pg 9 rejects them. */
  readonly #serial = new Mutex();
  readonly #local = new Map<string, { mutex: Mutex; holders: number }>();
  #closed = false;

  constructor(config: ClientConfig, onConnectError: (err: unknown) => Error) {
    this.#config = config;
    this.#onConnectError = onConnectError;
  }

  /** The session's server process id, for tests and diagnostics. */
  async backendPid(): Promise<number> {
    const c = await this.#session();
    const { rows } = await this.#serial.run(() => c.query<{ pid: number }>('select pg_backend_pid() as pid'));
    return rows[0]!.pid;
  }

  #session(): Promise<pg.Client> {
    if (this.#closed) return Promise.reject(new HirelakeError('engine', 'the lock session is closed'));
    if (!this.#client) {
      const client = new pg.Client(this.#config);
      const lost = this.#lost;
      const forget = (err: unknown) => {
        // Every advisory lock died with the session: holders must stop, and the next lock reconnects.
        if (this.#client === connecting) this.#client = null;
        this.#lost = lostController();
        lost.abort(new HirelakeError('engine', `lost the Postgres session holding the run locks: ${(err as Error)?.message ?? 'ended'}`));
      };
      const connecting = client.connect().then(
        () => {
          client.on('error', forget);
          client.on('end', () => forget(new Error('the server ended the session')));
          return client;
        },
        (err: unknown) => {
          if (this.#client === connecting) this.#client = null;
          client.end().catch(() => undefined);
          throw this.#onConnectError(err);
        },
      );
      this.#client = connecting;
    }
    return this.#client;
  }

  /**
   * Takes advisory lock `id` (named `key` in messages). With `wait` false a lock held anywhere else
   * (another process, or another holder here) throws at once; with `wait` true it polls.
   */
  async acquire(key: string, id: string, opts: { wait: boolean; describe: string; onWait?: () => void }): Promise<HeldLock> {
    let local = this.#local.get(id);
    if (!local) this.#local.set(id, (local = { mutex: new Mutex(), holders: 0 }));
    if (local.holders > 0 && !opts.wait) throw busy(key, opts.describe);
    local.holders++;
    let releaseLocal!: () => void;
    const localHeld = new Promise<void>((resolve) => {
      void local.mutex.run(
        () =>
          new Promise<void>((done) => {
            releaseLocal = done;
            resolve();
          }),
      );
    });
    if (local.holders > 1) opts.onWait?.();
    await localHeld;
    const dropLocal = () => {
      local.holders--;
      if (local.holders === 0) this.#local.delete(id);
      releaseLocal();
    };
    try {
      for (let delay = POLL_MIN_MS; ; delay = Math.min(delay * 2, POLL_MAX_MS)) {
        const client = await this.#session();
        const { rows } = await this.#serial.run(() => client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [id]));
        if (rows[0]?.ok) break;
        if (!opts.wait) throw busy(key, opts.describe);
        if (delay === POLL_MIN_MS && local.holders === 1) opts.onWait?.();
        await new Promise((r) => setTimeout(r, delay));
      }
    } catch (err) {
      dropLocal();
      throw err;
    }
    const lost = this.#lost.signal;
    let released = false;
    return {
      lost,
      release: async () => {
        if (released) return;
        released = true;
        try {
          if (!lost.aborted && this.#client) {
            const client = await this.#client;
            await this.#serial.run(() => client.query('select pg_advisory_unlock($1::bigint)', [id]));
          }
        } catch {
          // A session that is gone has released the lock already.
        } finally {
          dropLocal();
        }
      },
    };
  }

  async close(): Promise<void> {
    this.#closed = true;
    const c = this.#client;
    this.#client = null;
    if (!c) return;
    const client = await c.catch(() => null);
    if (!client) return;
    client.removeAllListeners('end');
    client.removeAllListeners('error');
    client.on('error', () => undefined);
    await client.end().catch(() => undefined);
  }
}

/** Every holder listens on it, hundreds in a big run: no listener-count warning. */
function lostController(): AbortController {
  const c = new AbortController();
  setMaxListeners(0, c.signal);
  return c;
}

function busy(key: string, where: string): HirelakeError {
  return new HirelakeError('engine', `another hirelake run holds the lock for ${key} on ${where}; pass --wait to wait for it`, 'wait for the other run to finish, or rerun with --wait');
}
