import type { StreamDefinition, StreamPage } from '../extract/source.ts';
import { readTimestamp } from './timestamps.ts';

export interface RowContext {
  readonly connection: string;
  readonly runId: string;
  /** When the page landed: the raw zone's landing sequence (see landingClock in sync-stream). */
  readonly extractedAt: Date;
  /** Told about each record whose updated time is present but is no timestamp: it lands with _updated_at null. */
  readonly onUnusableTimestamp?: (raw: string) => void;
}

function toDate(v: unknown, ctx: RowContext): Date | null {
  const t = readTimestamp(v);
  if (t.kind === 'ok') return t.date;
  if (t.kind === 'unusable') ctx.onUnusableTimestamp?.(t.raw);
  return null;
}

/** A page's records and tombstones as raw-zone rows, in RAW_COLUMNS order. */
export function* pageRows(stream: StreamDefinition<any>, page: StreamPage, ctx: RowContext): Iterable<unknown[]> {
  for (const record of page.records) {
    yield [ctx.connection, stream.recordId(record), toDate(stream.updatedAt(record), ctx), ctx.extractedAt, ctx.runId, false, JSON.stringify(record)];
  }
  for (const t of page.tombstones ?? []) {
    yield [ctx.connection, t.id, toDate(t.deletedAt, ctx) ?? ctx.extractedAt, ctx.extractedAt, ctx.runId, true, JSON.stringify(t.payload ?? { id: t.id, deleted_at: t.deletedAt })];
  }
}
