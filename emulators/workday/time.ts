// Workday renders instants in the tenant's time zone with an explicit offset
// (`2024-03-05T09:12:44.120-08:00`) and dates with a zone suffix (`2024-03-05-08:00`). Rendering
// with a real zone (DST included) makes the extractor prove it honours offsets rather than
// assuming UTC.

const offsetCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = offsetCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetCache.set(timeZone, f);
  }
  return f;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** per zone and UTC day: the day's offset, or null when it changes during the day (DST) */
const offsets = new Map<string, Map<number, number | null>>();

/**
 * The zone's UTC offset at `ms`, in minutes (e.g. -480 for PST). Intl is slow, so offsets are
 * cached per UTC day; a day with a transition in it is resolved per whole hour (zones change
 * offset on whole hours).
 */
export function offsetMinutes(ms: number, timeZone: string): number {
  let byDay = offsets.get(timeZone);
  if (!byDay) offsets.set(timeZone, (byDay = new Map()));
  const day = Math.floor(ms / DAY);
  let off = byDay.get(day);
  if (off === undefined) {
    const first = zoneOffset(day * DAY, timeZone);
    off = first === zoneOffset(day * DAY + DAY - HOUR, timeZone) ? first : null;
    if (byDay.size > 100_000) byDay.clear();
    byDay.set(day, off);
  }
  return off ?? zoneOffset(Math.floor(ms / HOUR) * HOUR, timeZone);
}

function zoneOffset(ms: number, timeZone: string): number {
  const name = formatter(timeZone).formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function suffix(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** xs:dateTime in the tenant zone, millisecond precision. */
export function wdDateTime(ms: number, timeZone: string): string {
  const off = offsetMinutes(ms, timeZone);
  return new Date(ms + off * 60_000).toISOString().slice(0, 23) + suffix(off);
}

/** xs:date with Workday's zone suffix: the tenant-local calendar day. */
export function wdDate(ms: number, timeZone: string): string {
  const off = offsetMinutes(ms, timeZone);
  return new Date(ms + off * 60_000).toISOString().slice(0, 10) + suffix(off);
}

/** 'YYYY-MM-DD' (a world calendar date) with the zone suffix of that day's midnight. */
export function wdDateFromIso(day: string, timeZone: string): string {
  return day + suffix(offsetMinutes(Date.parse(`${day}T12:00:00Z`), timeZone));
}

/**
 * Parses an xs:dateTime as a client sends it (offset or `Z`; no offset means the tenant zone,
 * which we approximate with the offset in force at that wall time). NaN when malformed.
 */
export function parseWdDateTime(text: string, timeZone: string): number {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?)(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) return Number.NaN;
  const base = m[1]!.replace(/(\.\d{3})\d+$/, '$1');
  if (m[2]) return Date.parse(base + m[2]);
  const asUtc = Date.parse(`${base}Z`);
  return asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
}
