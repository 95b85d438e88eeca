// Voluntary self-identification (EEO) answers of the world's applications. They are a pure
// function of the seed and the application id, drawn from their own hash-based generator, so no
// world state holds them and adding them took no draw from the simulation's stream.
//
// Most applicants answer the survey when they apply (a share never do: "no response"); each
// question may be declined on its own. The answers do matter to the simulation: some groups pass
// a stage less often (progressFactor), so the answer mix differs by stage and a diversity funnel
// built from the world has something to find.
import type { Application, CanonicalStage, World } from './types.ts';
import { hash01 } from './hash.ts';

export const DEMOGRAPHIC_CATEGORIES = ['gender', 'race', 'veteran_status', 'disability_status'] as const;
export type DemographicCategory = (typeof DEMOGRAPHIC_CATEGORIES)[number];

/** The world's spelling of a declined question; each vendor shows its own ("Decline To Self Identify", …). */
export const DECLINED = 'Declined to answer';

/**
 * The answer options (EEO-1 wording, as Greenhouse lists them) with the share of respondents
 * choosing each, the decline included.
 */
export const DEMOGRAPHIC_OPTIONS: Readonly<Record<DemographicCategory, readonly (readonly [string, number])[]>> = {
  gender: [['Female', 40], ['Male', 50], [DECLINED, 10]],
  race: [
    ['American Indian or Alaskan Native', 2],
    ['Asian', 20],
    ['Black or African American', 13],
    ['Hispanic or Latino', 15],
    ['White', 38],
    ['Native Hawaiian or Other Pacific Islander', 1],
    ['Two or More Races', 4],
    [DECLINED, 7],
  ],
  veteran_status: [
    ['I am not a protected veteran', 85],
    ['I identify as one or more of the classifications of a protected veteran', 5],
    [DECLINED, 10],
  ],
  disability_status: [
    ['Yes, I have a disability (or previously had a disability)', 7],
    ["No, I don't have a disability", 80],
    [DECLINED, 13],
  ],
};

/** share of pipeline applications whose applicant answered the survey at all */
export const SURVEY_RESPONSE_RATE = 0.8;

export interface DemographicResponse {
  /** when the survey was submitted: with the application */
  submittedAt: number;
  answers: Readonly<Record<DemographicCategory, string>>;
}

function pickOption(options: readonly (readonly [string, number])[], u: number): string {
  let total = 0;
  for (const [, w] of options) total += w;
  let r = u * total;
  for (const [label, w] of options) {
    r -= w;
    if (r < 0) return label;
  }
  return options[options.length - 1]![0];
}

/** The survey answers of an application; null for prospects and for applicants who never answered. */
export function demographicsOf(world: World, app: Application): DemographicResponse | null {
  if (app.isProspect || hash01(world.seed, app.id, 0) >= SURVEY_RESPONSE_RATE) return null;
  const answers = {} as Record<DemographicCategory, string>;
  DEMOGRAPHIC_CATEGORIES.forEach((c, i) => {
    answers[c] = pickOption(DEMOGRAPHIC_OPTIONS[c], hash01(world.seed, app.id, i + 1));
  });
  return { submittedAt: app.appliedAt, answers };
}

/**
 * The multiplier on an application's chance to pass a stage of this class: the uneven funnel a
 * diversity report exists to reveal (made up, not a claim about any real process).
 */
export function progressFactor(world: World, app: Application, stage: Exclude<CanonicalStage, 'offer'>): number {
  const d = demographicsOf(world, app);
  if (d === null) return 1;
  let f = 1;
  if (stage === 'screen' && d.answers.race === 'Black or African American') f *= 0.7;
  if (stage === 'screen' && d.answers.race === 'Hispanic or Latino') f *= 0.85;
  if (stage === 'interview' && d.answers.gender === 'Female') f *= 0.75;
  if (stage === 'applied' && d.answers.disability_status !== "No, I don't have a disability") f *= 0.85;
  return f;
}
