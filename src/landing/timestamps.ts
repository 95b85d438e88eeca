// Vendor timestamps as the API references document them (../shared/reference/ats-apis-*.md):
// - ISO 8601 with `Z`, with or without milliseconds (Greenhouse, Ashby): 2016-02-03T16:38:46.985Z, 2013-12-10T14:42:58Z
// - ISO 8601 with a numeric offset, with or without a colon (Workday; Greenhouse token expiry):
//   2014-10-08T12:24:19.493-07:00, 2024-01-01T00:00:00+0000; microseconds (Merge): …53.434326+00:00
// - a date, possibly with Workday's zone offset: 2018-06-07, 1960-01-01-07:00
// - epoch milliseconds (Lever: integers everywhere) and epoch seconds (reset headers, some vendors),
//   as numbers or digit strings, told apart by magnitude.
// Written by hand rather than with Date.parse, which guesses: it reads "5" as May 2001 and a
// zone-less time in the machine's local zone. Anything else is unusable, not a guess.

/** Below this an epoch number is seconds (it would be before March 1973 in milliseconds). */
const EPOCH_MS_MIN = 1e11;
/** Below this an epoch number is a count or a placeholder (0), not a time: before March 1973 in seconds. */
const EPOCH_S_MIN = 1e8;

// Bounds of a plausible record time; outside them a value is a unit mix-up (µs read as ms), not a date.
const EARLIEST = Date.UTC(1900, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export type TimestampReading =
  /** No value: null, undefined or an empty string (Lever leaves updatedAt null on untouched records). */
  | { kind: 'absent' }
  | { kind: 'ok'; date: Date }
  /** A value that is not a timestamp in any documented format. */
  | { kind: 'unusable'; raw: string };

export function readTimestamp(v: unknown): TimestampReading {
  if (v === null || v === undefined || v === '') return { kind: 'absent' };
  if (v instanceof Date) return plausible(v.getTime(), v);
  if (typeof v === 'number') return fromEpoch(v, v);
  if (typeof v !== 'string') return { kind: 'unusable', raw: JSON.stringify(v) ?? String(v) };
  const s = v.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return fromEpoch(Number(s), v);
  const m = ISO.exec(s);
  if (!m) return { kind: 'unusable', raw: v };
  const [, y, mo, d, h = '0', mi = '0', sec = '0', frac = '', zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return { kind: 'unusable', raw: v };
  const ms = Number(frac.padEnd(3, '0').slice(0, 3));
  let t = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), ms);
  // Feb 30th rolls over into March in Date.UTC: reject it instead.
  if (new Date(t).getUTCDate() !== day) return { kind: 'unusable', raw: v };
  // A value without a zone is UTC: no ATS API documents local times, and the machine's zone is not the vendor's.
  if (zone && zone.toUpperCase() !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
    const offset = (Number(z[2]) * 60 + Number(z[3] ?? 0)) * 60_000;
    if (offset > 18 * 3_600_000) return { kind: 'unusable', raw: v };
    t -= z[1] === '+' ? offset : -offset;
  }
  return plausible(t, v);
}

function fromEpoch(n: number, raw: unknown): TimestampReading {
  if (!Number.isFinite(n) || n < EPOCH_S_MIN) return { kind: 'unusable', raw: String(raw) };
  return plausible(n < EPOCH_MS_MIN ? Math.round(n * 1000) : Math.round(n), raw);
}

function plausible(t: number, raw: unknown): TimestampReading {
  if (!(t >= EARLIEST && t < LATEST)) return { kind: 'unusable', raw: raw instanceof Date && !Number.isNaN(t) ? raw.toISOString() : String(raw) };
  return { kind: 'ok', date: new Date(t) };
}
