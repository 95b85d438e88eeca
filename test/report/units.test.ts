// The dashboards' small parts on their own: periods, the small-cell rule, the diversity page's cells,
// basic auth from env.
import { describe, expect, it } from 'vitest';
import { SmallCells } from '../../src/report/cells.ts';
import { byAnswer, conversionCell, reachedCell, type DiversityCell } from '../../src/report/pages/diversity.ts';
import { lastFullQuarter, parsePeriod, periodChoices } from '../../src/report/period.ts';
import { basicAuthFromEnv, isLoopback } from '../../src/report/server.ts';

const utc = (s: string) => new Date(`${s}T00:00:00Z`);

describe('periods', () => {
  it.each([
    ['2026Q3', '2026Q3', '2026 Q3', '2026-07-01', '2026-10-01'],
    ['2026q4', '2026Q4', '2026 Q4', '2026-10-01', '2027-01-01'],
    ['2025', '2025', '2025', '2025-01-01', '2026-01-01'],
    ['2026-02', '2026-02', 'February 2026', '2026-02-01', '2026-03-01'],
    ['2025-11..2026-02', '2025-11..2026-02', 'November 2025 – February 2026', '2025-11-01', '2026-03-01'],
  ])('%s is %s: [%s, %s)', (input, key, label, from, to) => {
    const p = parsePeriod(input);
    expect({ key: p.key, label: p.label, from: p.from, to: p.to }).toEqual({ key, label, from: utc(from), to: utc(to) });
  });

  it('all spans any data; bad periods say what is expected', () => {
    expect(parsePeriod('all').from.getTime()).toBeLessThan(utc('1970-01-01').getTime());
    expect(() => parsePeriod('2026Q5')).toThrow('period 2026Q5: expected a quarter (2026Q3), a year (2026), a month (2026-07), a range of months (2026-01..2026-06) or all');
    expect(() => parsePeriod('2026-13')).toThrow('period 2026-13: month 13 is not between 01 and 12');
    expect(() => parsePeriod('2026-05..2026-02')).toThrow('the range ends before it starts');
  });

  it('defaults to the last quarter that has fully ended', () => {
    expect(lastFullQuarter(utc('2026-12-05')).key).toBe('2026Q3');
    expect(lastFullQuarter(utc('2026-01-01')).key).toBe('2025Q4');
    expect(lastFullQuarter(utc('2026-04-01')).key).toBe('2026Q1');
  });

  it('offers the years and quarters the data spans, newest first, and all', () => {
    expect(periodChoices(utc('2025-11-01'), utc('2026-02-01')).map((p) => p.key)).toEqual(['2026', '2026Q1', '2025', '2025Q4', 'all']);
    expect(periodChoices(null, null).map((p) => p.key)).toEqual(['all']);
  });
});

describe('the small-cell rule', () => {
  const c = new SmallCells(5);
  it('hides counts of 1 to 4, shows 0 and 5 up', () => {
    expect([0, 1, 4, 5, 1234].map((n) => c.count(n).text)).toEqual(['0', '<5', '<5', '5', '1,234']);
    expect(c.count(3)).toEqual({ value: null, text: '<5', suppressed: true });
  });
  it('hides a rate when its numerator, denominator or the rest is hidden; no denominator, no rate', () => {
    expect(c.rate(3, 100).text).toBe('<5');
    expect(c.rate(3, 4).text).toBe('<5');
    expect(c.rate(7, 8).text).toBe('<5'); // 1 declined beside 7 accepted
    expect(c.rate(8, 8).text).toBe('100.0%');
    expect(c.rate(0, 100).text).toBe('0.0%');
    expect(c.rate(10, 16).text).toBe('62.5%');
    expect(c.rate(0, 0)).toEqual({ value: null, text: '–', suppressed: false });
  });
  it('hides durations over 1 to 4 applications', () => {
    expect(c.days(12.345, 4).text).toBe('<5');
    expect(c.days(12.345, 5).text).toBe('12.3');
    expect(c.days(null, 0).text).toBe('–');
  });
  it('min_cell 1 shows everything', () => {
    const all = new SmallCells(1);
    expect([all.count(1).text, all.rate(1, 3).text, all.days(2, 1).text]).toEqual(['1', '33.3%', '2.0']);
  });
});

describe('serve on a network', () => {
  it('takes basic auth from both env variables or neither', () => {
    expect(basicAuthFromEnv({})).toBeUndefined();
    expect(basicAuthFromEnv({ HIRELAKE_SERVE_USER: 'r', HIRELAKE_SERVE_PASSWORD: 'p4ss' })).toEqual({ username: 'r', password: 'p4ss' });
    expect(() => basicAuthFromEnv({ HIRELAKE_SERVE_USER: 'r' })).toThrow('set both for basic auth, or neither');
  });
  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '10.0.0.5', '::', 'example.org'].some(isLoopback)).toBe(false);
  });
});

describe("the diversity page's cells", () => {
  const cell = (reached: number | null, suppressed: boolean, conversion: number | null = null): DiversityCell => ({
    quarter: utc('2026-07-01'), stage: 'screen', category: 'gender', answer: 'Female', reached, conversion, suppressed,
  });

  it('a suppressed count reads "suppressed", even were the mart to carry its number', () => {
    expect(reachedCell(cell(12, false))).toEqual({ value: 12, text: '12', suppressed: false });
    for (const c of [cell(null, true), cell(7, true), cell(null, false)]) expect(reachedCell(c)).toMatchObject({ value: null, text: 'suppressed', suppressed: true });
  });

  it('a conversion is the mart\'s, and hidden beside any hidden count whatever the mart says', () => {
    expect(conversionCell(cell(6, false, 0.5), cell(12, false))).toMatchObject({ value: 0.5, text: '50.0%' });
    expect(conversionCell(cell(6, false, null), cell(0, false))).toMatchObject({ value: null, text: '–', suppressed: false });
    expect(conversionCell(cell(6, false, 0.5), cell(12, true))).toMatchObject({ value: null, text: 'suppressed' });
    expect(conversionCell(cell(6, true, 0.5), cell(12, false))).toMatchObject({ value: null, text: 'suppressed' });
  });

  it('answers by name, then "Declined to answer", then "No response"', () => {
    expect(['No response', 'Male', 'Declined to answer', 'Female'].sort(byAnswer)).toEqual(['Female', 'Male', 'Declined to answer', 'No response']);
  });
});
