import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { columnList } from '../model/sql.ts';
import type { CsvStream } from '../source/source.ts';

/**
 * Streams CSV into `COPY … FROM STDIN`; pipeline() honours backpressure, so memory stays flat
 * whatever the table size. The source is always released: aborted when the load fails.
 */
export async function copyIn(client: pg.Client, qualifiedTable: string, columns: readonly string[], csv: CsvStream): Promise<number> {
  const sink = client.query(copyFrom(`copy ${qualifiedTable} (${columnList(columns)}) from stdin (format csv)`));
  try {
    await pipeline(csv.stream, sink);
  } catch (err) {
    await csv.release(false);
    throw err;
  }
  await csv.release(true);
  return sink.rowCount;
}
