// Serialises a page as several small buffers instead of one big string. A single page string of
// a few hundred KB lands in V8's large-object space, and with a world of hundreds of MB alive,
// every such allocation pushes towards a full mark-compact of the whole heap; small short-lived
// chunks stay in the young generation, which is cheap to collect.
import type { Json } from './render.ts';

const RECORDS_PER_CHUNK = 50;
const COMMA = 0x2c;

export interface EncodedBody {
  chunks: Buffer[];
  length: number;
}

function encode(s: string): Buffer {
  // JSON of the world is ASCII, for which latin1 is a plain copy; anything else takes UTF-8.
  return Buffer.from(s, Buffer.byteLength(s) === s.length ? 'latin1' : 'utf8');
}

/** bytes of JSON.stringify(records), in chunks */
export function encodeArray(records: readonly Json[]): EncodedBody {
  if (records.length === 0) return { chunks: [Buffer.from('[]')], length: 2 };
  const chunks: Buffer[] = [];
  let length = 0;
  for (let i = 0; i < records.length; i += RECORDS_PER_CHUNK) {
    const last = i + RECORDS_PER_CHUNK >= records.length;
    // Each chunk is a JSON array; splice them by turning '[' into ',' and dropping inner ']'.
    let buf = encode(JSON.stringify(records.slice(i, i + RECORDS_PER_CHUNK)));
    if (i > 0) buf[0] = COMMA;
    if (!last) buf = buf.subarray(0, buf.length - 1);
    chunks.push(buf);
    length += buf.length;
  }
  return { chunks, length };
}
