import type { Engine } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';

export interface FunnelStageTotal {
  canonical_stage: string;
  reached: number;
  visited: number;
  /** reached / reached at the previous stage */
  conversion: number | null;
}

export interface HeadlineMetrics {
  funnel: FunnelStageTotal[];
  timeToHire: { hires: number; median_days: number | null; avg_days: number | null };
  offerAcceptance: { offers: number; accepted: number; declined: number; pending: number; acceptance_rate: number | null };
}

/** The few numbers `hirelake demo` ends with, summed over every connection and job from the marts. */
export async function headlineMetrics(engine: Engine): Promise<HeadlineMetrics> {
  const m = (t: string) => qualified(engine.schemas.marts, t);
  const stages = await engine.query<{ canonical_stage: string; reached: number; visited: number }>(
    `select canonical_stage, min(stage_order) as stage_order, coalesce(sum(reached), 0) as reached, coalesce(sum(visited), 0) as visited
     from ${m('funnel')} group by canonical_stage order by min(stage_order)`,
  );
  const funnel = stages.map((s, i) => {
    const prev = i > 0 ? Number(stages[i - 1]!.reached) : 0;
    return { canonical_stage: s.canonical_stage, reached: Number(s.reached), visited: Number(s.visited), conversion: i > 0 && prev > 0 ? Number(s.reached) / prev : null };
  });
  const [tth] = await engine.query<{ hires: number; median_days: number | null; avg_days: number | null }>(
    `select count(*) as hires, percentile_cont(0.5) within group (order by days_to_hire) as median_days, avg(days_to_hire) as avg_days from ${m('time_to_hire')}`,
  );
  const [offers] = await engine.query<{ offers: number; accepted: number; declined: number; pending: number }>(
    `select coalesce(sum(offers), 0) as offers, coalesce(sum(accepted), 0) as accepted, coalesce(sum(declined), 0) as declined, coalesce(sum(pending), 0) as pending
     from ${m('offer_acceptance')}`,
  );
  const o = { offers: Number(offers?.offers ?? 0), accepted: Number(offers?.accepted ?? 0), declined: Number(offers?.declined ?? 0), pending: Number(offers?.pending ?? 0) };
  return {
    funnel,
    timeToHire: { hires: Number(tth?.hires ?? 0), median_days: tth?.median_days ?? null, avg_days: tth?.avg_days ?? null },
    offerAcceptance: { ...o, acceptance_rate: o.accepted + o.declined > 0 ? o.accepted / (o.accepted + o.declined) : null },
  };
}
