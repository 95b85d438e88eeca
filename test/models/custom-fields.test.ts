// Custom fields promoted in the config become typed columns of their core table, and the funnel
// and time-to-hire marts carry them, so a funnel can be cut by a custom field; a promoted field
// no record has is a warning. Greenhouse, the vendor with custom fields on every entity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CUSTOM_FIELDS, customFieldValue, type World } from '../../emulators/world/index.ts';
import { RESERVED_COLUMNS, type PromotedField } from '../../src/config/custom-fields.ts';
import type { HirelakeConfig } from '../../src/config/load.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { deletedReferences, expectDataTestsPass } from './assertions.ts';
import { build, landWorld, readTable, type Landed } from './harness.ts';
import { Truth } from './truth.ts';

const PROMOTED: PromotedField[] = [
  { entity: 'jobs', field: 'Level', as: 'level', type: 'text' },
  { entity: 'jobs', field: 'headcount_plan', as: 'headcount', type: 'number' },
  { entity: 'jobs', field: 'Budget Approved On', as: 'budget_approved_on', type: 'date' },
  { entity: 'jobs', field: 'Backfill', as: 'backfill', type: 'boolean' },
  { entity: 'jobs', field: 'Target Salary', as: 'target_salary', type: 'number' },
  { entity: 'applications', field: 'Interview Language', as: 'interview_language', type: 'text' },
  { entity: 'candidates', field: 'Years of Experience', as: 'years_of_experience', type: 'number' },
  { entity: 'offers', field: 'Relocation Package', as: 'relocation', type: 'boolean' },
  { entity: 'openings', field: 'Employment Type', as: 'employment_type', type: 'text' },
  { entity: 'jobs', field: 'Legacy Grade', as: 'legacy_grade', type: 'text' },
  { entity: 'jobs', field: 'No Such Field', as: 'nothing', type: 'text' },
];

const def = (key: string) => CUSTOM_FIELDS.find((f) => f.key === key)!;
/** A promoted value as the warehouse holds it (dates as YYYY-MM-DD, like readTable). */
function worldValue(world: World, key: string, id: number, createdAt: number): unknown {
  const v = customFieldValue(world, def(key), id, createdAt);
  if (v === null) return null;
  if (v.type === 'options') return v.value.join('; ');
  if (v.type === 'currency') return v.amount;
  if (v.type === 'user') return String(v.userId);
  return v.value;
}

describe.each(ENGINES)('promoted custom fields on $kind', ({ kind, open }) => {
  let t: TestEngine;
  let landed: Landed;
  let config: HirelakeConfig & { models: { include_pii: boolean } };

  beforeAll(async () => {
    t = await open();
    landed = await landWorld(t.engine, { seed: 3, size: 'tiny', days: 140 });
    config = { ...landed.config, custom_fields: PROMOTED };
    await build(t.engine, config);
  });
  afterAll(() => t.dispose());

  it('are typed columns of their core tables, holding each record\'s value', async () => {
    const types = await t.engine.query<{ table_name: string; column_name: string; data_type: string }>(
      `select table_name, column_name, data_type from information_schema.columns where table_schema = $1 and column_name in (${PROMOTED.map((_, i) => `$${i + 2}`).join(', ')})`,
      [t.engine.schemas.core, ...PROMOTED.map((p) => p.as)],
    );
    const typeOf = (table: string, column: string) => types.find((r) => r.table_name === table && r.column_name === column)?.data_type.toLowerCase();
    const text = kind === 'duckdb' ? 'varchar' : 'text';
    const double = kind === 'duckdb' ? 'double' : 'double precision';
    expect(typeOf('jobs', 'level')).toBe(text);
    expect(typeOf('jobs', 'headcount')).toBe(double);
    expect(typeOf('jobs', 'budget_approved_on')).toBe('date');
    expect(typeOf('jobs', 'backfill')).toBe('boolean');
    expect(typeOf('applications', 'interview_language')).toBe(text);
    expect(typeOf('candidates', 'years_of_experience')).toBe(double);
    expect(typeOf('offers', 'relocation')).toBe('boolean');
    expect(typeOf('openings', 'employment_type')).toBe(text);

    const w = landed.world;
    const jobs = await readTable(t.engine, t.engine.schemas.core, 'jobs', ['job_id', 'level', 'headcount', 'budget_approved_on', 'backfill', 'target_salary', 'legacy_grade', 'nothing']);
    expect(jobs.length).toBeGreaterThan(3);
    for (const r of jobs) {
      const j = w.jobs[Number(r['job_id']) - 1]!;
      expect(r, `job ${j.id}`).toEqual({
        job_id: String(j.id),
        level: worldValue(w, 'level', j.id, j.createdAt),
        headcount: worldValue(w, 'headcount_plan', j.id, j.createdAt),
        budget_approved_on: worldValue(w, 'budget_approved_on', j.id, j.createdAt) === null ? null : `${worldValue(w, 'budget_approved_on', j.id, j.createdAt)}T00:00:00.000Z`,
        backfill: worldValue(w, 'backfill', j.id, j.createdAt),
        target_salary: worldValue(w, 'target_salary', j.id, j.createdAt),
        legacy_grade: null,
        nothing: null,
      });
    }
    const apps = await readTable(t.engine, t.engine.schemas.core, 'applications', ['application_id', 'interview_language']);
    for (const r of apps) {
      const a = w.applications[Number(r['application_id']) - 1]!;
      expect(r['interview_language']).toEqual(worldValue(w, 'interview_language', a.id, a.createdAt));
    }
    expect(apps.some((r) => r['interview_language'] !== null)).toBe(true);
  });

  it('cut the funnel: summed over a job field, reached equals the world\'s', async () => {
    const w = landed.world;
    const rows = await t.engine.query<{ level: string | null; canonical_stage: string; reached: number | bigint }>(
      `select level, canonical_stage, sum(reached) as reached from ${t.engine.schemas.marts}.funnel group by level, canonical_stage`,
    );
    const truth = new Truth(w, 'acme').funnel();
    const expected = new Map<string, number>();
    for (const r of truth) {
      const j = r['job_id'] === null ? undefined : w.jobs[Number(r['job_id']) - 1];
      const level = j && j.deletedAt === null ? worldValue(w, 'level', j.id, j.createdAt) : null;
      const k = `${level}|${r['canonical_stage']}`;
      expected.set(k, (expected.get(k) ?? 0) + (r['reached'] as number));
    }
    expect(new Map(rows.map((r) => [`${r.level}|${r.canonical_stage}`, Number(r.reached)]))).toEqual(expected);
    expect(new Set(rows.map((r) => r.level)).size).toBeGreaterThan(2);
    const byLanguage = await t.engine.query(`select interview_language, sum(reached) as n from ${t.engine.schemas.marts}.funnel where canonical_stage = 'applied' group by interview_language`);
    const languages = new Map<unknown, number>();
    for (const a of w.applications.filter((x) => !x.isProspect)) {
      const l = worldValue(w, 'interview_language', a.id, a.createdAt);
      languages.set(l, (languages.get(l) ?? 0) + 1);
    }
    expect(new Map(byLanguage.map((r) => [r['interview_language'], Number(r['n'])]))).toEqual(languages);
  });

  it('are carried by time_to_hire (job, application and candidate fields)', async () => {
    const rows = await readTable(t.engine, t.engine.schemas.marts, 'time_to_hire', ['application_id', 'candidate_id', 'level', 'years_of_experience', 'interview_language']);
    expect(rows.length).toBeGreaterThan(0);
    const w = landed.world;
    for (const r of rows) {
      const a = w.applications[Number(r['application_id']) - 1]!;
      const c = w.candidates[a.candidateId - 1]!;
      const j = w.jobs[a.jobId! - 1]!;
      expect(r['years_of_experience']).toEqual(worldValue(w, 'years_of_experience', c.id, c.createdAt));
      expect(r['level']).toEqual(j.deletedAt === null ? worldValue(w, 'level', j.id, j.createdAt) : null);
      expect(r['interview_language']).toEqual(worldValue(w, 'interview_language', a.id, a.createdAt));
    }
  });

  it('warn when a promoted field appears nowhere, and only then', async () => {
    const w = landed.world;
    const deleted = (rows: readonly { id: number; deletedAt: number | null }[]) => new Set(rows.filter((r) => r.deletedAt !== null).map((r) => String(r.id)));
    await expectDataTestsPass(t.engine, config, [
      ...deletedReferences(deleted(w.jobs), deleted(w.users)),
      { test: /^promoted_custom_fields_missing$/, why: 'promoted fields no record has', row: (r) => r['field'] === 'No Such Field' || r['field'] === 'Legacy Grade' },
    ]);
  });

  it('never take a name the core tables or the marts already use (RESERVED_COLUMNS is complete)', async () => {
    const cols = await t.engine.query<{ table_schema: string; table_name: string; column_name: string }>(
      `select table_schema, table_name, column_name from information_schema.columns
       where (table_schema = $1 and table_name in ('jobs', 'applications', 'candidates', 'offers', 'openings')) or (table_schema = $2 and table_name in ('funnel', 'time_to_hire'))`,
      [t.engine.schemas.core, t.engine.schemas.marts],
    );
    const promoted = new Set(PROMOTED.map((p) => p.as));
    const missing = cols.filter((c) => !promoted.has(c.column_name) && !RESERVED_COLUMNS.has(c.column_name)).map((c) => `${c.table_name}.${c.column_name}`);
    expect(missing).toEqual([]);
  });
});
