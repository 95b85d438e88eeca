// The README's performance block is rendered from bench/results.json: goals come out met, missed or
// not measured from the recorded figures, and the block is replaced whole between its markers.
import { describe, expect, it } from 'vitest';
import { goals } from '../../bench/goals.ts';
import { END, renderPerformance, replaceBlock, START } from '../../bench/readme.ts';
import { sectionResult, type BenchResults } from '../../bench/results.ts';

const at = new Date('2026-12-05T12:00:00Z');
const results: BenchResults = {
  extract: sectionResult('Extraction', { records: 92_344, records_per_s: 40_000, spool_ceiling_records_per_s: 50_000, peak_rss_mb: 300 }, at),
  engines: sectionResult('Engines', [
    { engine: 'duckdb', land_records_per_s: 30_000, ceiling_records_per_s: 60_000 },
    { engine: 'postgres', land_records_per_s: 40_000, ceiling_records_per_s: 50_000 },
  ], at),
  transform: sectionResult('Transform', { applications: 106_289, rawRecords: 1_160_000, transformSeconds: 2.4, rawParseSeconds: 0.25, incrementalSeconds: 0.9, fullRefreshSeconds: 3, changedRecords: 1432, changedShare: '0.12%' }, at),
};

describe('bench goals', () => {
  it('says met, not met or not measured from the recorded figures, with the ratio to the same run', () => {
    const list = goals(results);
    const find = (prefix: string) => list.find((g) => g.goal.startsWith(prefix))!;
    expect(list).toHaveLength(7);
    expect(find('Landing, Greenhouse')).toMatchObject({ ratio: '0.80×', met: 'yes' });
    expect(find('Landing into Postgres')).toMatchObject({ ratio: '0.80×', met: 'no' });
    expect(find('Full build')).toMatchObject({ ratio: '9.60×', met: 'yes' });
    expect(find('Incremental')).toMatchObject({ ratio: '0.30×', met: 'no' });
    expect(find('Peak RSS').met).toBe('not measured');
    expect(find('1M applications end to end on Postgres')).toMatchObject({ met: 'not measured', figure: '–' });
    expect(find('Full build').measured).toMatch(/^2026-12-05, load [\d.]+ on \d+ cores$/);
  });

  it('a 1M run is met when the next run fits in an hour', () => {
    const leg = { engine: 'duckdb', served_records: 6_000_000, extract_s: 200, transform_s: 100, test_s: 5, extract_peak_rss_mb: 480, hourly_extract_s: 60, hourly_transform_s: 30, hourly_raw_growth_records: 1200, hourly_unchanged_not_landed: 5000 };
    const million = sectionResult('1M', [leg], at);
    const list = goals({ ...results, million });
    expect(list.find((g) => g.goal.startsWith('Peak RSS'))).toMatchObject({ figure: '480 MB', met: 'yes' });
    const duck = list.find((g) => g.goal.includes('end to end on DuckDB'))!;
    expect(duck).toMatchObject({ met: 'yes', ratio: '0.03×' });
    expect(duck.figure).toContain('raw zone +1,200 versions, 5,000 unchanged not landed');
    // 90 s for the next run of a 1M account: 40 of them in an hour, linearly.
    const sized = goals({ ...results, million: sectionResult('1M', [{ ...leg, applications: 1_000_000, warehouse_mb: 2048 }], at) });
    expect(sized.find((g) => g.goal.includes('end to end on DuckDB'))!.figure).toMatch(/2,048 MB on disk; .*an hourly one has room for ≈40M applications \(measured at 1,000k only\)$/);
  });
});

describe('the README block', () => {
  const readme = `# x\n\nbefore\n\n${START}\nold figures\n${END}\n\nafter\n`;

  it('is replaced whole between the markers, the rest of the README kept, and rendering twice changes nothing', () => {
    const block = renderPerformance(results, ['extract', 'engines', 'transform']);
    const once = replaceBlock(readme, block);
    expect(once).not.toContain('old figures');
    expect(once.startsWith('# x\n\nbefore\n\n')).toBe(true);
    expect(once.endsWith('\n\nafter\n')).toBe(true);
    expect(replaceBlock(once, block)).toBe(once);
    // goals first, then each section in the bench's order, dated with its load
    expect(once.indexOf('| goal |')).toBeLessThan(once.indexOf('<b>Extraction</b>'));
    expect(once.indexOf('<b>Extraction</b>')).toBeLessThan(once.indexOf('<b>Engines</b>'));
    expect(once).toContain('BENCH_ONLY=transform</code>): measured 2026-12-05 12:00 UTC');
    expect(once).toContain('| postgres | 40000 | 50000 |');
  });

  it('refuses a README without its markers, or with them twice', () => {
    expect(() => replaceBlock('# x\n', 'b')).toThrow(/must hold the bench block once/);
    expect(() => replaceBlock(`${readme}${START}\n`, 'b')).toThrow(/must hold the bench block once/);
    expect(() => replaceBlock(`${END}\n${START}\n`, 'b')).toThrow(/must hold the bench block once/);
  });
});
