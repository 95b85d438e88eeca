import type { StreamDefinition, StreamPage } from '../extract/source.ts';

export interface RowContext {
  readonly connection: string;
  readonly runId: string;
  readonly extractedAt: Date;
}

function toDate(v: string | number | null): Date | null {
  if (v === null || v === undefined || v === '') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A page's records and tombstones as raw-zone rows, in RAW_COLUMNS order. */
export function* pageRows(stream: StreamDefinition<any>, page: StreamPage, ctx: RowContext): Iterable<unknown[]> {
  for (const record of page.records) {
    yield [ctx.connection, stream.recordId(record), toDate(stream.updatedAt(record)), ctx.extractedAt, ctx.runId, false, JSON.stringify(record)];
  }
  for (const t of page.tombstones ?? []) {
    yield [ctx.connection, t.id, toDate(t.deletedAt) ?? ctx.extractedAt, ctx.extractedAt, ctx.runId, true, JSON.stringify(t.payload ?? { id: t.id, deleted_at: t.deletedAt })];
  }
}
