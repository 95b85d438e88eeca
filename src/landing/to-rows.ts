import { storableJsonText } from '../engine/bulk-values.ts';
import type { StreamDefinition, StreamPage } from '../extract/source.ts';
import { readTimestamp } from './timestamps.ts';
import type { LatestLookup } from './unchanged.ts';

export interface RowContext {
  readonly connection: string;
  readonly runId: string;
  /** When the page landed: the raw zone's landing sequence (see landingClock in sync-stream). */
  readonly extractedAt: Date;
  /** Told about each record whose updated time is present but is no timestamp: it lands with _updated_at null. */
  readonly onUnusableTimestamp?: (raw: string) => void;
  /** Versions equal to these records' latest ones are not landed (see unchanged.ts). */
  readonly latest?: LatestLookup;
  /** Told about each version left out as unchanged, with its payload's size in bytes. */
  readonly onUnchanged?: (bytes: number) => void;
  /** Told about each version whose payload held text no warehouse stores as sent: it lands with U+FFFD in its place. */
  readonly onRepairedText?: () => void;
}

function toDate(v: unknown, ctx: RowContext): Date | null {
  const t = readTimestamp(v);
  if (t.kind === 'ok') return t.date;
  if (t.kind === 'unusable') ctx.onUnusableTimestamp?.(t.raw);
  return null;
}

/** One version of a page: its key, updated time, deleted flag and payload, before it becomes a row. */
export interface PageVersion {
  readonly id: string;
  readonly updatedAt: Date | null;
  readonly deleted: boolean;
  readonly payload: unknown;
}

/** A page's records and tombstones as versions. */
export function* pageVersions(stream: StreamDefinition<any>, page: StreamPage, ctx: RowContext): Iterable<PageVersion> {
  for (const record of page.records) {
    yield { id: stream.recordId(record), updatedAt: toDate(stream.updatedAt(record), ctx), deleted: false, payload: record };
  }
  for (const t of page.tombstones ?? []) {
    yield { id: t.id, updatedAt: toDate(t.deletedAt, ctx) ?? ctx.extractedAt, deleted: true, payload: t.payload ?? { id: t.id, deleted_at: t.deletedAt } };
  }
}

/**
 * Versions as raw-zone rows, in RAW_COLUMNS order, less the unchanged ones; each one landed is
 * told to `ctx.latest`, so a later page in the same transaction compares with it.
 */
export function* versionRows(versions: Iterable<PageVersion>, ctx: RowContext): Iterable<unknown[]> {
  for (const v of versions) {
    const unchangedBytes = ctx.latest?.unchanged(v.id, v.updatedAt, v.deleted, v.payload) ?? 0;
    if (unchangedBytes > 0) {
      ctx.onUnchanged?.(unchangedBytes);
      continue;
    }
    ctx.latest?.appended(v.id, v.updatedAt, v.deleted, v.payload);
    const text = JSON.stringify(v.payload);
    const stored = storableJsonText(text);
    if (stored !== text) ctx.onRepairedText?.();
    yield [ctx.connection, v.id, v.updatedAt, ctx.extractedAt, ctx.runId, v.deleted, stored];
  }
}

/** A page's records and tombstones as raw-zone rows, in RAW_COLUMNS order, less the unchanged ones. */
export function pageRows(stream: StreamDefinition<any>, page: StreamPage, ctx: RowContext): Iterable<unknown[]> {
  return versionRows(pageVersions(stream, page, ctx), ctx);
}
