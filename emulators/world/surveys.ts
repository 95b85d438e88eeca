// The account's own demographic question sets (custom self-identification surveys, as Greenhouse
// Inclusion lets an account write them), and each application's answers to them. Like the EEO
// answers (demographics.ts) they are a pure function of the seed and the application id, drawn
// from the hash generator with salts of their own, so they take nothing from the simulation's
// stream and change no history. They do not steer the simulation (progressFactor reads the EEO
// answers only).
//
// The shapes real accounts have: two sets with questions worded by the account, single and
// multi-select questions, a self-describe option taking free text, an "I don't wish to answer"
// option, an option deleted after applicants chose it (still named by their answers), a retired
// set whose question nobody answers, and questions an applicant leaves blank.
import type { Application, World } from './types.ts';
import { hash01 } from './hash.ts';

export interface SurveyOption {
  readonly id: number;
  readonly name: string;
  /** share of answers choosing it (relative within the question) */
  readonly weight: number;
  /** takes the applicant's own words (a self-describe option) */
  readonly freeForm?: true;
  /** the question's decline option */
  readonly decline?: true;
  /** false: deleted from the question after applicants chose it */
  readonly active: boolean;
}

export interface SurveyQuestion {
  readonly id: number;
  readonly setId: number;
  readonly name: string;
  readonly multiSelect: boolean;
  readonly active: boolean;
  readonly options: readonly SurveyOption[];
}

export interface SurveySet {
  readonly id: number;
  readonly title: string;
  readonly description: string;
  readonly active: boolean;
}

export const SURVEY_SETS: readonly SurveySet[] = [
  { id: 1, title: 'Inclusion Survey (US)', description: '<p>Voluntary. Interviewers never see your answers.</p>', active: true },
  { id: 2, title: 'EMEA diversity questions', description: '<p>Optional questions for applicants in Europe.</p>', active: true },
  { id: 3, title: 'Pilot survey 2022', description: '<p>Retired.</p>', active: false },
];

const NO_ANSWER = "I don't wish to answer";

export const SURVEY_QUESTIONS: readonly SurveyQuestion[] = [
  {
    id: 1, setId: 1, name: 'What is your gender identity?', multiSelect: false, active: true, options: [
      { id: 1, name: 'Woman', weight: 42, active: true },
      { id: 2, name: 'Man', weight: 46, active: true },
      { id: 3, name: 'Non-binary', weight: 4, active: true },
      { id: 4, name: 'I prefer to self-describe', weight: 2, freeForm: true, active: true },
      { id: 5, name: NO_ANSWER, weight: 6, decline: true, active: true },
    ],
  },
  {
    id: 2, setId: 1, name: 'How would you describe your racial or ethnic background? (Select all that apply)', multiSelect: true, active: true, options: [
      { id: 6, name: 'Asian', weight: 20, active: true },
      { id: 7, name: 'Black', weight: 13, active: true },
      { id: 8, name: 'Hispanic or Latinx', weight: 15, active: true },
      { id: 9, name: 'Middle Eastern or North African', weight: 4, active: true },
      { id: 10, name: 'White', weight: 38, active: true },
      { id: 11, name: 'I prefer to self-describe', weight: 3, freeForm: true, active: true },
      { id: 12, name: NO_ANSWER, weight: 7, decline: true, active: true },
    ],
  },
  {
    id: 3, setId: 1, name: 'Do you identify as LGBTQ+?', multiSelect: false, active: true, options: [
      { id: 13, name: 'Yes', weight: 10, active: true },
      { id: 14, name: 'No', weight: 78, active: true },
      // Deleted from the question later; the answers that chose it still name it.
      { id: 15, name: 'Questioning', weight: 3, active: false },
      { id: 16, name: NO_ANSWER, weight: 9, decline: true, active: true },
    ],
  },
  {
    id: 4, setId: 2, name: 'What is your age range?', multiSelect: false, active: true, options: [
      { id: 17, name: 'Under 25', weight: 15, active: true },
      { id: 18, name: '25-34', weight: 40, active: true },
      { id: 19, name: '35-44', weight: 25, active: true },
      { id: 20, name: '45 or over', weight: 12, active: true },
      { id: 21, name: 'Prefer not to say', weight: 8, decline: true, active: true },
    ],
  },
  {
    id: 5, setId: 2, name: 'What is your gender identity?', multiSelect: false, active: true, options: [
      { id: 22, name: 'Woman', weight: 44, active: true },
      { id: 23, name: 'Man', weight: 46, active: true },
      { id: 24, name: 'Non-binary', weight: 3, active: true },
      { id: 25, name: 'Prefer not to say', weight: 7, decline: true, active: true },
    ],
  },
  {
    id: 6, setId: 3, name: 'Which pronouns do you use?', multiSelect: false, active: false, options: [
      { id: 26, name: 'she/her', weight: 1, active: false },
      { id: 27, name: 'he/him', weight: 1, active: false },
    ],
  },
];

export const SURVEY_OPTIONS: readonly SurveyOption[] = SURVEY_QUESTIONS.flatMap((q) => q.options);

/** share of pipeline applications whose applicant answered the account's survey */
export const CUSTOM_SURVEY_RESPONSE_RATE = 0.7;
/** share of a survey's questions left blank */
const SKIP_RATE = 0.08;
/** share of multi-select answers choosing two options */
const SECOND_CHOICE_RATE = 0.15;

/** What applicants write in a self-describe box (free text: personal data, never in core). */
const SELF_DESCRIBED = ['Genderfluid', 'Two-spirit', 'Mixed heritage, mostly Portuguese', 'Kurdish', 'I would rather describe it in person'];

export interface SurveyAnswer {
  readonly questionId: number;
  /** chosen options, in the question's order (one for single select, one or two for multi select) */
  readonly optionIds: readonly number[];
  /** the applicant's words for a free-form option, else null */
  readonly freeText: string | null;
}

export interface SurveyResponse {
  readonly setId: number;
  readonly submittedAt: number;
  readonly answers: readonly SurveyAnswer[];
}

const SALT = 100;

function pick(options: readonly SurveyOption[], u: number): SurveyOption {
  const total = options.reduce((n, o) => n + o.weight, 0);
  let r = u * total;
  for (const o of options) {
    r -= o.weight;
    if (r < 0) return o;
  }
  return options[options.length - 1]!;
}

/** The set an application's job post asks: every third job posts the EMEA set. */
export function surveySetOf(app: Application): number | null {
  if (app.isProspect || app.jobId === null) return null;
  return app.jobId % 3 === 0 ? 2 : 1;
}

/** The application's answers to the account's survey; null for prospects and those who never answered it. */
export function surveyResponseOf(world: World, app: Application): SurveyResponse | null {
  const setId = surveySetOf(app);
  if (setId === null || hash01(world.seed, app.id, SALT) >= CUSTOM_SURVEY_RESPONSE_RATE) return null;
  const answers: SurveyAnswer[] = [];
  for (const q of SURVEY_QUESTIONS) {
    if (q.setId !== setId) continue;
    const salt = SALT + 10 * q.id;
    if (hash01(world.seed, app.id, salt) < SKIP_RATE) continue;
    const first = pick(q.options, hash01(world.seed, app.id, salt + 1));
    const chosen = [first];
    if (q.multiSelect && !first.decline && hash01(world.seed, app.id, salt + 2) < SECOND_CHOICE_RATE) {
      const second = pick(q.options.filter((o) => o.id !== first.id && !o.decline), hash01(world.seed, app.id, salt + 3));
      chosen.push(second);
    }
    chosen.sort((a, b) => a.id - b.id);
    const free = chosen.find((o) => o.freeForm);
    const freeText = free ? SELF_DESCRIBED[Math.floor(hash01(world.seed, app.id, salt + 4) * SELF_DESCRIBED.length)]! : null;
    answers.push({ questionId: q.id, optionIds: chosen.map((o) => o.id), freeText });
  }
  return { setId, submittedAt: app.appliedAt, answers };
}
