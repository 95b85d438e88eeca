import { describe, expect, it } from 'vitest';
import { readTimestamp } from '../../src/landing/timestamps.ts';

const ok = (v: unknown) => {
  const r = readTimestamp(v);
  if (r.kind !== 'ok') throw new Error(`${JSON.stringify(v)} → ${r.kind}`);
  return r.date.toISOString();
};

describe('readTimestamp: every format the ATS references document', () => {
  it('ISO 8601 with Z, with and without milliseconds (Greenhouse, Ashby)', () => {
    expect(ok('2016-02-03T16:38:46.985Z')).toBe('2016-02-03T16:38:46.985Z');
    expect(ok('2013-12-10T14:42:58Z')).toBe('2013-12-10T14:42:58.000Z');
  });

  it('ISO 8601 with offsets, colon or not, and microseconds (Workday, Greenhouse token expiry, Merge)', () => {
    expect(ok('2014-10-08T12:24:19.493-07:00')).toBe('2014-10-08T19:24:19.493Z');
    expect(ok('2024-01-01T00:00:00+0000')).toBe('2024-01-01T00:00:00.000Z');
    expect(ok('2024-01-01T05:30:00+05:30')).toBe('2024-01-01T00:00:00.000Z');
    expect(ok('2021-01-06T03:24:53.434326+00:00')).toBe('2021-01-06T03:24:53.434Z');
  });

  it("dates, with Workday's zone offset, and zone-less times as UTC whatever the machine's zone", () => {
    expect(ok('2018-06-07')).toBe('2018-06-07T00:00:00.000Z');
    expect(ok('1960-01-01-07:00')).toBe('1960-01-01T07:00:00.000Z');
    expect(ok('2024-03-01T12:00:00')).toBe('2024-03-01T12:00:00.000Z');
    expect(ok('2024-03-01 12:00:00Z')).toBe('2024-03-01T12:00:00.000Z');
  });

  it('epoch milliseconds (Lever) and epoch seconds, as numbers or digit strings, by magnitude', () => {
    expect(ok(1_700_000_000_123)).toBe('2023-11-14T22:13:20.123Z');
    expect(ok('1700000000123')).toBe('2023-11-14T22:13:20.123Z');
    expect(ok(1_700_000_000)).toBe('2023-11-14T22:13:20.000Z');
    expect(ok('1700000000.5')).toBe('2023-11-14T22:13:20.500Z');
  });

  it('absent values are absent; anything else is unusable, never a guess', () => {
    expect(readTimestamp(null)).toEqual({ kind: 'absent' });
    expect(readTimestamp(undefined)).toEqual({ kind: 'absent' });
    expect(readTimestamp('')).toEqual({ kind: 'absent' });
    for (const v of ['soon', '5', '2024-02-30', '2024-13-01', '2024-01-01T25:00:00Z', '01/02/2024', 0, 1.7e15, -5, true, { at: 1 }]) {
      expect(readTimestamp(v).kind, JSON.stringify(v)).toBe('unusable');
    }
  });
});
