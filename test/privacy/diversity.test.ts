// Greenhouse demographics end to end: opt-in extraction of /v3/eeoc and of the account's own
// demographic questions (/v3/demographic_*), core answers without identity,
// the unsuppressed funnel exact against the world on both engines, and the suppressed mart checked
// on its own (nothing small shown, nothing hidden recoverable, exactly the rule's cells hidden).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECLINED, demographicsOf } from '../../emulators/world/index.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { deletedReferences, expectDataTestsPass, expectRowsEqual } from '../models/assertions.ts';
import { build, landWorld, readTable, type Landed } from '../models/harness.ts';
import { diffRows } from '../models/compare.ts';
import { customAnswersOf, diversityFunnelTruth, suppressOracle } from './diversity-truth.ts';

const KEY = ['applied_quarter', 'canonical_stage', 'category', 'answer'];

describe.each(ENGINES)('Greenhouse demographics on $kind', ({ kind, open }) => {
  let t: TestEngine;
  let landed: Landed;
  beforeAll(async () => {
    t = await open();
    landed = await landWorld(t.engine, { seed: 2, size: 'small', days: kind === 'duckdb' ? 365 : 200, extra: { demographics: true } });
    await build(t.engine, landed.config);
  });
  afterAll(() => t.dispose());

  it('core.demographic_answers holds the application id, category and answer, and nothing else', async () => {
    const w = landed.world;
    const cols = async () => (await t.engine.query<{ column_name: string }>(
      `select column_name from information_schema.columns where table_schema = $1 and table_name = 'demographic_answers' order by ordinal_position`,
      [t.engine.schemas.core],
    )).map((r) => r.column_name);
    expect(await cols()).toEqual(['connection', 'application_id', 'category', 'answer']);
    const rows = await t.engine.query<{ application_id: string; category: string; answer: string }>(`select application_id, category, answer from ${t.engine.schemas.core}.demographic_answers`);
    const expected = w.applications.flatMap((a) => {
      const d = demographicsOf(w, a);
      const eeo = d === null ? [] : Object.entries(d.answers).map(([category, answer]) => `${a.id}|${category}|${answer}`);
      return [...eeo, ...[...customAnswersOf(w, a)].map(([category, answer]) => `${a.id}|${category}|${answer}`)];
    });
    expect(rows.map((r) => `${r.application_id}|${r.category}|${r.answer}`).sort()).toEqual(expected.sort());
    expect(rows.some((r) => r.answer === DECLINED)).toBe(true);
    // models.include_pii opens core.candidates, never this table.
    await build(t.engine, { ...landed.config, models: { include_pii: true } });
    expect(await cols()).toEqual(['connection', 'application_id', 'category', 'answer']);
    await build(t.engine, landed.config);
  });

  it('the funnel before suppression equals the world, and the answers differ by stage', async () => {
    const truth = diversityFunnelTruth(landed.world, 'acme', { customSurveys: true });
    const actual = await readTable(t.engine, t.engine.schemas.staging, 'int_diversity_funnel');
    expectRowsEqual('int_diversity_funnel', actual, truth, { key: KEY });
    // The world's uneven stages show: women are a smaller share of hires than of applicants.
    const share = (stage: string) => {
      const at = truth.filter((r) => r['category'] === 'gender' && r['canonical_stage'] === stage && r['answer'] !== 'No response');
      const all = at.reduce((n, r) => n + Number(r['reached']), 0);
      return at.filter((r) => r['answer'] === 'Female').reduce((n, r) => n + Number(r['reached']), 0) / all;
    };
    expect(share('offer')).toBeLessThan(share('applied') - 0.05);
  });

  it('marts.diversity_funnel hides exactly the cells the small-cell rule hides', async () => {
    const truth = diversityFunnelTruth(landed.world, 'acme', { customSurveys: true });
    const actual = await readTable(t.engine, t.engine.schemas.marts, 'diversity_funnel');
    const expected = suppressOracle(truth, 5);
    const problems = diffRows(actual, expected, { key: KEY, rates: ['conversion_from_previous'] });
    expect(problems.slice(0, 10), `${problems.length} differences`).toEqual([]);
    expect(actual.length).toBe(truth.length);
    // Both kinds of cell occur: the test is not vacuous.
    expect(actual.some((r) => r['suppressed'] === true)).toBe(true);
    expect(actual.some((r) => r['suppressed'] === false && Number(r['reached']) >= 5)).toBe(true);
    // Complementary suppression happened: some hidden cells hold at least min_cell.
    const hiddenBig = actual.filter((r) => r['suppressed'] === true).filter((r) => {
      const tr = truth.find((x) => KEY.every((k) => x[k] === r[k]))!;
      return Number(tr['reached']) >= 5;
    });
    expect(hiddenBig.length).toBeGreaterThan(0);
  });

  it('passes every data test, the privacy tests included', async () => {
    const w = landed.world;
    const ids = (rows: readonly { id: number; deletedAt: number | null }[]) => new Set(rows.filter((r) => r.deletedAt !== null).map((r) => String(r.id)));
    await expectDataTestsPass(t.engine, landed.config, deletedReferences(ids(w.jobs), ids(w.users)));
  });
});
