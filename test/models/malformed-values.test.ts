// A malformed vendor value never fails the build: an application whose created_at is not a
// timestamp stays in core (its date null), is counted in marts.dropped_records as left out of the
// cohort marts, and every other number is unchanged. Both engines (Postgres has no try_cast).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { qualified } from '../../src/engine/identifiers.ts';
import { ENGINES, type TestEngine } from '../transforms/fixtures.ts';
import { deletedReferences, expectDataTestsPass } from './assertions.ts';
import { build, landWorld, readTable, type Landed } from './harness.ts';

describe.each(ENGINES)('malformed vendor timestamps on $kind', ({ kind, open }) => {
  let t: TestEngine;
  let landed: Landed;
  let target: number;

  beforeAll(async () => {
    t = await open();
    landed = await landWorld(t.engine, { seed: 14, size: 'tiny', days: 120 });
    target = landed.world.applications.find((a) => !a.isProspect && a.status === 'active')!.id;
    const raw = qualified(t.engine.schemas.raw, 'greenhouse__applications');
    const patch = JSON.stringify({ created_at: 'last Tuesday', applied_at: null });
    const edit = kind === 'postgres' ? `_payload = _payload || cast($1 as jsonb)` : `_payload = json_merge_patch(_payload, cast($1 as json))`;
    await t.engine.exec(`update ${raw} set ${edit} where _record_id = $2`, [patch, String(target)]);
    await build(t.engine, landed.config);
  });
  afterAll(() => t.dispose());

  it('keeps the application with a null date and counts it as left out of the cohort marts', async () => {
    const apps = await readTable(t.engine, t.engine.schemas.core, 'applications', ['application_id', 'applied_at']);
    expect(apps.find((a) => a['application_id'] === String(target))).toEqual({ application_id: String(target), applied_at: null });
    expect(apps.length).toBe(landed.world.applications.length);
    const dropped = await readTable(t.engine, t.engine.schemas.marts, 'dropped_records', ['entity', 'layer', 'reason', 'records']);
    expect(dropped.filter((d) => d['entity'] === 'applications')).toEqual([
      { entity: 'applications', layer: 'marts', reason: 'no usable application date: left out of the cohort marts', records: 1 },
    ]);
  });

  it('fails no data test, and warns about exactly that application', async () => {
    const w = landed.world;
    const ids = (rows: readonly { id: number; deletedAt: number | null }[]) => new Set(rows.filter((r) => r.deletedAt !== null).map((r) => String(r.id)));
    await expectDataTestsPass(t.engine, landed.config, [
      ...deletedReferences(ids(w.jobs), ids(w.users)),
      { test: /^not_null:applications\.applied_at$/, why: 'malformed created_at', row: (r) => r['application_id'] === String(target) },
    ]);
  });
});
