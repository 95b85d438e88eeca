import type { PoolClient, QueryResult } from 'pg';
import { Mutex } from '../mutex.ts';
import type { Row } from '../engine.ts';
import type { PgStatementClient } from './kysely.ts';
import { toPgParams } from './values.ts';

/** A multi-statement string without parameters answers with one result per statement. */
export function rowsOf(res: QueryResult | QueryResult[]): Row[] {
  const last = Array.isArray(res) ? res[res.length - 1] : res;
  return (last?.rows ?? []) as Row[];
}

/**
 * One pooled client owned by a transaction. Statements are serialised here because pg 8 only
 * warns about overlapping queries on a client and pg 9 will reject them, while callers may well
 * Promise.all a few statements on a transaction.
 */
export class PgSession implements PgStatementClient {
  readonly #client: PoolClient;
  readonly #mutex = new Mutex();
  #finished = false;

  constructor(client: PoolClient) {
    this.#client = client;
  }

  run<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    // A transaction object that escaped its callback must not run on a client back in the pool.
    if (this.#finished) return Promise.reject(new Error('this transaction has already finished'));
    return this.#mutex.run(() => fn(this.#client));
  }

  query(sql: string, params?: readonly unknown[]): Promise<QueryResult> {
    return this.run((c) => c.query(sql, toPgParams(params)));
  }

  release(): void {}

  finish(): void {
    this.#finished = true;
  }
}
