import pg from 'pg';
import { HirelakeError } from '../../src/core/errors.ts';
import { describeTarget, resolveTarget, type PgTarget } from '../../src/engine/postgres/connection.ts';
import { typeParsers } from '../../src/engine/postgres/values.ts';

/**
 * Session settings fixed here rather than inherited from the server, so COPY text always has one
 * shape: UTC instants with `+00`, ISO dates, Postgres-style intervals, shortest exact floats.
 */
const SESSION_OPTIONS = '-c TimeZone=UTC -c DateStyle=ISO,YMD -c IntervalStyle=postgres -c extra_float_digits=1';

/** A Postgres URL and what is safe to say about it. */
export class PgEndpoint {
  readonly target: PgTarget;
  readonly label: string;

  constructor(readonly url: string) {
    this.target = resolveTarget(url);
    this.label = describeTarget(this.target);
  }

  /** Driver messages may echo the password (auth failures, some proxies); never pass that on. */
  scrub(message: string): string {
    const pw = this.target.password;
    if (!pw) return message;
    return message.replaceAll(pw, '***').replaceAll(encodeURIComponent(pw), '***');
  }

  /** A fresh session (not pooled: a COPY that is abandoned half-way is ended by closing its socket). */
  async connect(purpose: string): Promise<pg.Client> {
    const client = new pg.Client({
      connectionString: this.url,
      types: typeParsers,
      options: SESSION_OPTIONS,
      application_name: `hirelake ${purpose}`.slice(0, 63),
      connectionTimeoutMillis: 10_000,
    });
    // A server-side disconnect between statements arrives as an 'error' event; the next query reports it.
    client.on('error', () => undefined);
    try {
      await client.connect();
    } catch (err) {
      client.end().catch(() => undefined);
      throw new HirelakeError('export', `cannot connect to Postgres at ${this.label} (${purpose}): ${this.scrub(reason(err))}`, 'check that the server is running and that the URL names the right host, port, database and credentials');
    }
    return client;
  }
}

function reason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return [...new Set(err.errors.map(reason))].join('; ');
  if (err instanceof Error) return err.message || (err as { code?: string }).code || err.name;
  return String(err);
}

/** Closes a session without waiting for it: what is left of a COPY on it dies with the socket. */
export function destroyClient(client: pg.Client): void {
  const socket = (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream;
  socket?.destroy();
  client.end().catch(() => undefined);
}

/** Any error that crossed a target connection, as a HirelakeError with the password scrubbed. */
export function exportError(endpoint: PgEndpoint, what: string, err: unknown): HirelakeError {
  if (err instanceof HirelakeError) return new HirelakeError(err.kind, endpoint.scrub(err.message), err.hint);
  return new HirelakeError('export', `${what}: ${endpoint.scrub(reason(err))}`);
}
