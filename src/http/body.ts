// Reads a response body to the end and proves it is whole. A page that silently lost its tail
// would parse fine if it ended on a record boundary in NDJSON, or fail JSON.parse in a way that
// looks like a server bug; either way it must be retried, not landed.

import { promisify } from 'node:util';
import { brotliDecompress, gunzip, inflate } from 'node:zlib';
import type { HeaderMap } from './rate-limit-headers.ts';

const gunzipAsync = promisify(gunzip);
const inflateAsync = promisify(inflate);
const brotliAsync = promisify(brotliDecompress);

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

export interface RawBody {
  /** Decoded (decompressed) bytes. */
  data: Buffer;
  /** Bytes received on the wire, before decompression. */
  wireBytes: number;
}

export async function readBody(body: AsyncIterable<Uint8Array>, headers: HeaderMap): Promise<RawBody> {
  const expected = expectedLength(headers);
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of body) {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      received += buf.length;
      chunks.push(buf);
    }
  } catch (err) {
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
  return { data: await decode(wire, headers['content-encoding']), wireBytes: received };
}

function expectedLength(headers: HeaderMap): number | undefined {
  const raw = headers['content-length'];
  if (raw === undefined || headers['transfer-encoding'] !== undefined) return undefined;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

async function decode(wire: Buffer, encoding: string | undefined): Promise<Buffer> {
  const enc = encoding?.trim().toLowerCase();
  if (!enc || enc === 'identity' || wire.length === 0) return wire;
  try {
    if (enc === 'gzip' || enc === 'x-gzip') return await gunzipAsync(wire);
    if (enc === 'deflate') return await inflateAsync(wire);
    if (enc === 'br') return await brotliAsync(wire);
  } catch (err) {
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
