// Reads a response body to the end and proves it is whole. A page that silently lost its tail
// would parse fine if it ended on a record boundary in NDJSON, or fail JSON.parse in a way that
// looks like a server bug; either way it must be retried, not landed.
//
// It is also bounded: a body (or what it decompresses to) larger than the limit is abandoned as
// soon as the limit is crossed, so an endless body or a gzip bomb costs at most the limit in
// memory, never the process.

import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate, type ZlibOptions } from 'node:zlib';
import type { HeaderMap } from './rate-limit-headers.ts';

const gunzipAsync = promisify<Buffer, ZlibOptions, Buffer>(gunzip);
const inflateAsync = promisify<Buffer, ZlibOptions, Buffer>(inflate);
const brotliAsync = promisify<Buffer, ZlibOptions, Buffer>(brotliDecompress);

/** Default cap on a decoded response body: ~25× the largest page an ATS API serves (a Workday page of 999 candidates). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** The body ended before the bytes the server promised, or could not be decoded. */
export class InvalidBodyError extends Error {
  override readonly name = 'InvalidBodyError';
  constructor(
    readonly detail: string,
    readonly code?: string,
  ) {
    super(detail);
  }
}

/** The body, or what it decompresses to, is larger than the limit: final, retrying fetches it again. */
export class BodyTooLargeError extends Error {
  override readonly name = 'BodyTooLargeError';
  constructor(
    readonly limit: number,
    readonly where: 'announced' | 'wire' | 'decoded',
    readonly encoding?: string,
  ) {
    super(
      where === 'announced'
        ? `response body too large: Content-Length exceeds the ${formatBytes(limit)} limit`
        : where === 'wire'
          ? `response body too large: more than ${formatBytes(limit)} received`
          : `response body too large: the ${encoding} body decompresses to more than ${formatBytes(limit)}`,
    );
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

export interface RawBody {
  /** Decoded (decompressed) bytes. */
  data: Buffer;
  /** Bytes received on the wire, before decompression. */
  wireBytes: number;
}

export async function readBody(body: AsyncIterable<Uint8Array>, headers: HeaderMap, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<RawBody> {
  const expected = expectedLength(headers);
  if (expected !== undefined && expected > maxBytes) {
    // Not a byte of it is read: drop the stream (and its socket) rather than leave it pending.
    (body as { destroy?: () => void }).destroy?.();
    throw new BodyTooLargeError(maxBytes, 'announced');
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      received += buf.length;
      // Leaving the loop destroys the stream (and its socket): the rest is never read.
      if (received > maxBytes) throw new BodyTooLargeError(maxBytes, 'wire');
      chunks.push(buf);
    }
  } catch (err) {
    if (err instanceof BodyTooLargeError) throw err;
    // The connection died mid-body. With a Content-Length we can say exactly what was lost.
    if (expected !== undefined && received < expected) {
      throw new InvalidBodyError(`truncated body: received ${received} of ${expected} bytes`, errorCode(err));
    }
    throw err;
  }
  if (expected !== undefined && received !== expected) {
    throw new InvalidBodyError(`truncated body: received ${received} of ${expected} bytes`);
  }
  const wire = Buffer.concat(chunks, received);
  return { data: await decode(wire, headers['content-encoding'], maxBytes), wireBytes: received };
}

function expectedLength(headers: HeaderMap): number | undefined {
  const raw = headers['content-length'];
  if (raw === undefined || headers['transfer-encoding'] !== undefined) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

async function decode(wire: Buffer, encoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const enc = encoding?.trim().toLowerCase();
  if (!enc || enc === 'identity' || wire.length === 0) return wire;
  // zlib stops inflating at maxOutputLength: a bomb never gets to allocate what it claims.
  const opts: ZlibOptions = { maxOutputLength: maxBytes };
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return await gunzipAsync(wire, opts);
    if (enc === 'deflate') return await inflateAsync(wire, opts);
    if (enc === 'br') return await brotliAsync(wire, opts);
  } catch (err) {
    if (errorCode(err) === 'ERR_BUFFER_TOO_LARGE') throw new BodyTooLargeError(maxBytes, 'decoded', enc);
    // A gzip stream cut short fails here rather than on the length check (chunked responses).
    throw new InvalidBodyError(`could not decode ${enc} body: ${err instanceof Error ? err.message : String(err)}`, errorCode(err));
  }
  throw new InvalidBodyError(`unsupported content-encoding ${enc}`);
}

export function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object') {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    const cause = (err as { cause?: unknown }).cause;
    if (cause && cause !== err) return errorCode(cause);
  }
  return undefined;
}
