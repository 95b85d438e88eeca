import pg from 'pg';
import { HirelakeError } from '../../core/errors.ts';

/** Where a URL points, resolved the way pg resolves it (URL, then PG* env vars, then defaults). */
export interface PgTarget {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  /** Only to scrub it from driver messages; never printed. */
  readonly password: string | undefined;
}

export function resolveTarget(url: string): PgTarget {
  let probe: pg.Client;
  try {
    // Constructing a Client parses the URL without opening a socket.
    probe = new pg.Client({ connectionString: url });
  } catch {
    // The parser's error carries the raw URL (password included), so it is not passed on.
    throw new HirelakeError('engine', 'the Postgres URL is not valid', 'expected postgres://user[:password]@host[:port]/database');
  }
  return {
    host: probe.host,
    port: probe.port,
    database: probe.database ?? '',
    user: probe.user ?? '',
    password: typeof probe.password === 'string' && probe.password !== '' ? probe.password : undefined,
  };
}

/** Safe to print: no password. */
export function describeTarget(t: PgTarget): string {
  return `postgres://${t.user}@${t.host}:${t.port}/${t.database}`;
}

function reasonOf(err: unknown): string {
  // Node reports a failed connect to a host with several addresses as an AggregateError with no message.
  if (err instanceof AggregateError && err.errors.length > 0) return [...new Set(err.errors.map(reasonOf))].join('; ');
  if (err instanceof Error) return err.message || (err as { code?: string }).code || err.name;
  return String(err);
}

/**
 * The one message for "could not get a session": names host, port, database and user, scrubs the
 * password, and keeps no `cause` (driver errors may carry the connection config).
 */
export function connectionError(t: PgTarget, err: unknown): HirelakeError {
  let reason = reasonOf(err);
  if (t.password) reason = reason.replaceAll(t.password, '***');
  return new HirelakeError(
    'engine',
    `cannot connect to Postgres at ${t.host}:${t.port}/${t.database} as user ${t.user}: ${reason}`,
    'check that the server is running and that warehouse.url names the right host, port, database and credentials',
  );
}
