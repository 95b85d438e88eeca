// The diversity funnel as the simulated world says it is, computed with plain loops from the world
// alone (its applications, visits, EEO survey answers and, for vendors serving them, its answers
// to the account's own questions), and the small-cell rule re-implemented
// independently of the SQL, as an oracle for marts.diversity_funnel.
import {
  CANONICAL_RANK, DECLINED, DEMOGRAPHIC_CATEGORIES, SURVEY_OPTIONS, SURVEY_QUESTIONS, demographicsOf, isErased, surveyResponseOf,
  type Application, type DemographicCategory, type World,
} from '../../emulators/world/index.ts';
import type { Row } from '../models/truth.ts';

const STAGES = ['applied', 'screen', 'interview', 'offer', 'hired'] as const;
export const NO_RESPONSE = 'No response';

/** first day of the UTC quarter, as the warehouse's DATE reads back (an ISO timestamp at midnight UTC) */
export function quarterOf(ms: number): string {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1)).toISOString();
}

function furthest(world: World, a: Application): number {
  if (a.status === 'hired') return 5;
  let best = 1;
  for (const id of a.visitIds) best = Math.max(best, CANONICAL_RANK[world.stages[world.visits[id - 1]!.stageId - 1]!.canonical]);
  return best;
}

/**
 * What the warehouse may know of an application's answer: none once its candidate was erased (the
 * answers are purged with the rest of the person's data).
 */
export function answerOf(world: World, a: Application, c: DemographicCategory): string {
  if (isErased(world.candidates[a.candidateId - 1]!)) return NO_RESPONSE;
  return demographicsOf(world, a)?.answers[c] ?? NO_RESPONSE;
}

/**
 * The category of an account-defined question, as sql/README.md's *Demographics* states the rule:
 * custom: and the question's name lowercased, every run of other characters one '_'.
 */
export function customCategory(questionName: string): string {
  return `custom:${questionName.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '')}`;
}

/**
 * An application's answers to the account's own questions (world/surveys.ts) as core holds them:
 * category → the chosen options' names in option-id order joined with '; ', declines left out
 * unless nothing else was chosen ('Declined to answer'); free text never. None once erased.
 */
export function customAnswersOf(world: World, a: Application): Map<string, string> {
  const out = new Map<string, string>();
  const response = surveyResponseOf(world, a);
  if (response === null || isErased(world.candidates[a.candidateId - 1]!)) return out;
  for (const answer of response.answers) {
    const question = SURVEY_QUESTIONS.find((q) => q.id === answer.questionId)!;
    const names = answer.optionIds.map((id) => SURVEY_OPTIONS[id - 1]!).filter((o) => !o.decline).map((o) => o.name);
    out.set(customCategory(question.name), names.length > 0 ? names.join('; ') : DECLINED);
  }
  return out;
}

export interface DiversityTruthOptions {
  /** the vendor serves the world's account-defined questions (EmulatorKit.customSurveys) */
  readonly customSurveys?: boolean;
}

/** int_diversity_funnel: every quarter × stage × category × answer, zeros included. */
export function diversityFunnelTruth(world: World, connection: string, opts: DiversityTruthOptions = {}): Row[] {
  const apps = world.applications.filter((a) => !a.isProspect);
  const quarters = [...new Set(apps.map((a) => quarterOf(a.appliedAt)))];
  const custom = new Map(opts.customSurveys ? apps.map((a) => [a.id, customAnswersOf(world, a)] as const) : []);
  const customCategories = [...new Set([...custom.values()].flatMap((m) => [...m.keys()]))];
  const answerIn = (a: Application, category: string): string =>
    (DEMOGRAPHIC_CATEGORIES as readonly string[]).includes(category)
      ? answerOf(world, a, category as DemographicCategory)
      : custom.get(a.id)?.get(category) ?? NO_RESPONSE;
  const rows: Row[] = [];
  for (const category of [...DEMOGRAPHIC_CATEGORIES, ...customCategories]) {
    const answers = new Set<string>([DECLINED, NO_RESPONSE, ...apps.map((a) => answerIn(a, category))]);
    for (const q of quarters) {
      const inQuarter = apps.filter((a) => quarterOf(a.appliedAt) === q);
      for (const answer of answers) {
        const mine = inQuarter.filter((a) => answerIn(a, category) === answer);
        STAGES.forEach((stage, i) => {
          rows.push({
            connection, applied_quarter: q, canonical_stage: stage, stage_order: i + 1, category, answer,
            reached: mine.filter((a) => furthest(world, a) >= i + 1).length,
          });
        });
      }
    }
  }
  return rows;
}

const tableKey = (r: Row) => `${r['connection']}|${r['applied_quarter']}|${r['category']}`;

/**
 * The rule of marts.diversity_funnel, written again from its description: counts below minCell
 * hidden; a row with one hidden cell, or hidden cells holding fewer than minCell, hides its
 * smallest shown cell (ties by answer); a hidden cell hides the rest of its column.
 */
export function suppressOracle(truth: readonly Row[], minCell: number): Row[] {
  const tables = new Map<string, Row[]>();
  for (const r of truth) tables.set(tableKey(r), [...(tables.get(tableKey(r)) ?? []), r]);
  const out: Row[] = [];
  for (const cells of tables.values()) {
    const answers = [...new Set(cells.map((c) => String(c['answer'])))];
    const at = (stage: number, answer: string) => cells.find((c) => c['stage_order'] === stage && c['answer'] === answer)!;
    const hidden = new Map<string, boolean>();
    for (let s = 1; s <= 5; s++) {
      const small = answers.filter((a) => Number(at(s, a)['reached']) < minCell);
      const total = small.reduce((n, a) => n + Number(at(s, a)['reached']), 0);
      const here = new Set(small);
      if (small.length === 1 || (small.length >= 2 && total < minCell)) {
        const rest = answers.filter((a) => !here.has(a)).sort((a, b) => Number(at(s, a)['reached']) - Number(at(s, b)['reached']) || (a < b ? -1 : a > b ? 1 : 0));
        if (rest[0] !== undefined) here.add(rest[0]);
      }
      for (const a of answers) hidden.set(`${s}|${a}`, hidden.get(`${s - 1}|${a}`) === true || here.has(a));
    }
    for (const c of cells) {
      const s = Number(c['stage_order']);
      const a = String(c['answer']);
      const sup = hidden.get(`${s}|${a}`)!;
      const prevSup = s === 1 ? true : hidden.get(`${s - 1}|${a}`)!;
      const prev = s === 1 ? 0 : Number(at(s - 1, a)['reached']);
      out.push({
        ...c,
        reached: sup ? null : c['reached'],
        conversion_from_previous: sup || prevSup || prev === 0 ? null : Number(c['reached']) / prev,
        suppressed: sup,
      });
    }
  }
  return out;
}
