// Realistic stage names and what they really mean. Most names are what any name-based default
// mapping would recognise (DEFAULT_STAGE_NAMES); a few are team-specific names that such a mapping
// cannot know (CUSTOM_STAGE_NAMES), so the pipeline needs configuration to map them.
import type { CanonicalStage, World } from './types.ts';
import { pickWeighted, rand, type RngState } from './rng.ts';

export interface StageTemplate {
  name: string;
  canonical: CanonicalStage;
  /** position among stages of the same canonical class when several are in one plan */
  rank: number;
  /** scheduled interviews per visit: [min, max]; 0 for asynchronous steps */
  interviews: readonly [number, number];
  custom: boolean;
  /** how often plans use it, relative to others of its class */
  weight: number;
}

export const STAGE_CATALOG: readonly StageTemplate[] = [
  { name: 'Application Review', canonical: 'applied', rank: 0, interviews: [0, 0], custom: false, weight: 6 },
  { name: 'Applied', canonical: 'applied', rank: 0, interviews: [0, 0], custom: false, weight: 2 },
  { name: 'New Applicant', canonical: 'applied', rank: 0, interviews: [0, 0], custom: false, weight: 1 },
  { name: 'Resume Review', canonical: 'applied', rank: 0, interviews: [0, 0], custom: false, weight: 2 },

  { name: 'Recruiter Screen', canonical: 'screen', rank: 10, interviews: [1, 1], custom: false, weight: 6 },
  { name: 'Phone Screen', canonical: 'screen', rank: 10, interviews: [1, 1], custom: false, weight: 3 },
  { name: 'Intro Call', canonical: 'screen', rank: 5, interviews: [1, 1], custom: true, weight: 1.5 },
  { name: 'Hiring Manager Screen', canonical: 'screen', rank: 20, interviews: [1, 1], custom: false, weight: 2 },

  { name: 'Take Home', canonical: 'interview', rank: 10, interviews: [0, 0], custom: true, weight: 1.2 },
  { name: 'Work Sample', canonical: 'interview', rank: 10, interviews: [0, 0], custom: true, weight: 0.8 },
  { name: 'Technical Interview', canonical: 'interview', rank: 20, interviews: [1, 2], custom: false, weight: 4 },
  { name: 'Hiring Manager Interview', canonical: 'interview', rank: 30, interviews: [1, 1], custom: false, weight: 4 },
  { name: 'Panel Interview', canonical: 'interview', rank: 40, interviews: [2, 3], custom: false, weight: 1.5 },
  { name: 'Onsite', canonical: 'interview', rank: 40, interviews: [3, 4], custom: false, weight: 3 },
  { name: 'Culture Add Chat', canonical: 'interview', rank: 45, interviews: [1, 1], custom: true, weight: 1 },
  { name: 'Bar Raiser', canonical: 'interview', rank: 50, interviews: [1, 1], custom: true, weight: 1 },
  { name: 'Final Interview', canonical: 'interview', rank: 60, interviews: [1, 2], custom: false, weight: 2 },
  { name: 'Reference Check', canonical: 'interview', rank: 70, interviews: [0, 0], custom: true, weight: 1 },

  { name: 'Offer', canonical: 'offer', rank: 0, interviews: [0, 0], custom: false, weight: 1 },
];

const BY_NAME = new Map(STAGE_CATALOG.map((s) => [s.name, s]));

export function stageTemplate(name: string): StageTemplate | undefined {
  return BY_NAME.get(name);
}

function namesWhere(custom: boolean): Readonly<Record<string, CanonicalStage>> {
  const out: Record<string, CanonicalStage> = {};
  for (const s of STAGE_CATALOG) if (s.custom === custom) out[s.name] = s.canonical;
  return Object.freeze(out);
}

/** obvious names → canonical stage: what a name-based default mapping is expected to get right */
export const DEFAULT_STAGE_NAMES: Readonly<Record<string, CanonicalStage>> = namesWhere(false);

/** team-specific names a default mapping cannot know */
export const CUSTOM_STAGE_NAMES: Readonly<Record<string, CanonicalStage>> = namesWhere(true);

/** the custom stage names actually used by this world's jobs → canonical (pass it as mapping config) */
export function customStageMapping(world: World): Record<string, CanonicalStage> {
  const out: Record<string, CanonicalStage> = {};
  for (const st of world.stages) {
    const canonical = CUSTOM_STAGE_NAMES[st.name];
    if (canonical) out[st.name] = canonical;
  }
  return out;
}

function drawDistinct(rng: RngState, pool: readonly StageTemplate[], n: number): StageTemplate[] {
  const left = [...pool];
  const out: StageTemplate[] = [];
  while (out.length < n && left.length > 0) {
    const i = pickWeighted(rng, left.map((s) => s.weight));
    const [chosen] = left.splice(i, 1);
    if (chosen) out.push(chosen);
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/**
 * A job's ordered plan: one applied stage, 0–2 screens, 1–4 interview steps, one offer stage.
 * A few plans have no screen at all, so "screen" is simply absent for that job.
 */
export function drawStagePlan(rng: RngState): StageTemplate[] {
  const of = (c: CanonicalStage) => STAGE_CATALOG.filter((s) => s.canonical === c);
  const r = rand(rng);
  const screens = r < 0.05 ? 0 : r < 0.75 ? 1 : 2;
  const interviews = 1 + pickWeighted(rng, [2, 4, 3, 1]);
  let interviewSteps = drawDistinct(rng, of('interview'), interviews);
  // A panel and an onsite in the same plan would be the same thing twice.
  if (interviewSteps.some((s) => s.name === 'Onsite') && interviewSteps.some((s) => s.name === 'Panel Interview')) {
    interviewSteps = interviewSteps.filter((s) => s.name !== 'Panel Interview');
  }
  // Reference checks come last and are never the only interview step.
  if (interviewSteps.length === 1 && interviewSteps[0]?.name === 'Reference Check') {
    interviewSteps = drawDistinct(rng, of('interview').filter((s) => !s.custom), 1);
  }
  const applied = drawDistinct(rng, of('applied'), 1);
  const screenSteps = drawDistinct(rng, of('screen'), screens);
  return [...applied, ...screenSteps, ...interviewSteps, ...of('offer')];
}
