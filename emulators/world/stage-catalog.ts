// Realistic stage names and what they really mean. Most names are what any name-based default
// mapping would recognise (DEFAULT_STAGE_NAMES); a few are team-specific names that such a mapping
// cannot know (CUSTOM_STAGE_NAMES), among them the four a real Lever account had that matched no
// default ("HM Review", "HM Screen", "Reference Check", "Background Check"); they need
// configuration or inference to map them. Stages also get renamed (RENAMES) while applications sit
// in them.
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
  { name: 'HM Review', canonical: 'screen', rank: 15, interviews: [0, 0], custom: true, weight: 1.2 },
  { name: 'HM Screen', canonical: 'screen', rank: 25, interviews: [1, 1], custom: true, weight: 1.2 },

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
  { name: 'Background Check', canonical: 'interview', rank: 75, interviews: [0, 0], custom: true, weight: 0.8 },

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

/**
 * What a stage may be renamed to, by catalog name: names real teams move to, which name-based
 * defaults do not list.
 */
export const RENAMES: Readonly<Record<string, string>> = {
  'Application Review': 'Applicant Review',
  'Recruiter Screen': 'Recruiter Screen (Video)',
  'Phone Screen': 'Recruiter Phone Screen',
  'Hiring Manager Screen': 'Hiring Mgr Screen',
  'Technical Interview': 'Technical Interview (Live Coding)',
  'Hiring Manager Interview': 'HM Interview',
  Onsite: 'Virtual Onsite',
  'Final Interview': 'Final Round Interview',
  'Panel Interview': 'Panel',
  Offer: 'Offer Extended',
};

/**
 * Every stage name this world's plans use now that a name-based default mapping does not know
 * (team-specific names and renamed stages) → its true canonical stage: the stage_mapping a data
 * team would write for this world.
 */
export function customStageMapping(world: World): Record<string, CanonicalStage> {
  const out: Record<string, CanonicalStage> = {};
  for (const st of world.stages) if (!(st.name in DEFAULT_STAGE_NAMES)) out[st.name] = st.canonical;
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
  // Reference and background checks come last and are never the only interview step.
  const isCheck = (s: StageTemplate) => s.name === 'Reference Check' || s.name === 'Background Check';
  if (interviewSteps.every(isCheck)) {
    interviewSteps = drawDistinct(rng, of('interview').filter((s) => !s.custom), 1);
  }
  const applied = drawDistinct(rng, of('applied'), 1);
  let screenSteps = drawDistinct(rng, of('screen'), screens);
  // A hiring manager reviews profiles a recruiter already screened.
  if (screenSteps[0]?.name === 'HM Review') screenSteps = screenSteps.slice(1);
  return [...applied, ...screenSteps, ...interviewSteps, ...of('offer')];
}
