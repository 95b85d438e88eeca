// Harvest's "Demographic Data": the account's own question sets, their questions and answer
// options, and the answers (harvest:demographic_*:list), served from the world's survey
// (world/surveys.ts). Shapes per the Harvest reference (v1 "Demographic Data" objects; v3 list
// endpoints /v3/demographic_question_sets, _questions, _answer_options, _answers): a deleted set,
// question or option stays listed with `active: false`; an answer is one row per question and
// selected option (a multi-select answer is several rows), `free_form_text` set only for a
// free-form option; questions and answer options carry no created_at / updated_at (the v3
// standardizations name them as the two exceptions).
import {
  SURVEY_OPTIONS, SURVEY_QUESTIONS, SURVEY_SETS, surveyResponseOf,
  type SurveyOption, type SurveyQuestion, type SurveySet, type World,
} from '../world/index.ts';
import type { Json } from './render.ts';
import type { Row } from './resources.ts';

export interface SetRow extends Row { set: SurveySet }
export interface QuestionRow extends Row { question: SurveyQuestion; sortOrder: number }
export interface OptionRow extends Row { option: SurveyOption; questionId: number }
export interface AnswerRow extends Row {
  applicationId: number;
  questionId: number;
  optionId: number;
  freeText: string | null;
}

/** The configuration rows are the same for every world but for their times (the account's start). */
const config = new WeakMap<World, { sets: SetRow[]; questions: QuestionRow[]; options: OptionRow[] }>();

function configOf(w: World) {
  let c = config.get(w);
  if (!c) {
    const at = { createdAt: w.start, updatedAt: w.start };
    const sortOrder = new Map<number, number>();
    c = {
      sets: SURVEY_SETS.map((set) => ({ id: set.id, ...at, set })),
      questions: SURVEY_QUESTIONS.map((question) => {
        const n = (sortOrder.get(question.setId) ?? 0) + 1;
        sortOrder.set(question.setId, n);
        return { id: question.id, ...at, question, sortOrder: n };
      }),
      options: SURVEY_QUESTIONS.flatMap((q) => q.options.map((option) => ({ id: option.id, ...at, option, questionId: q.id }))),
    };
    if (c.options.length !== SURVEY_OPTIONS.length || c.options.some((o, i) => o.id !== i + 1)) throw new Error('survey option ids must run 1..n');
    config.set(w, c);
  }
  return c;
}

export const questionSetRows = (w: World): readonly SetRow[] => configOf(w).sets;
export const questionRows = (w: World): readonly QuestionRow[] => configOf(w).questions;
export const optionRows = (w: World): readonly OptionRow[] => configOf(w).options;

interface AnswerCache { rows: AnswerRow[]; seen: number; byApplication: Map<number, number[]> }
const answers = new WeakMap<World, AnswerCache>();

/**
 * One row per application, question and chosen option, with stable ids: applications are only
 * ever appended and a survey, once answered, never changes, so the rows grow with the world.
 */
export function answerRows(w: World): AnswerCache {
  let c = answers.get(w);
  if (!c) answers.set(w, (c = { rows: [], seen: 0, byApplication: new Map() }));
  for (; c.seen < w.applications.length; c.seen++) {
    const app = w.applications[c.seen]!;
    const response = surveyResponseOf(w, app);
    if (response === null) continue;
    const ids: number[] = [];
    for (const a of response.answers) {
      for (const optionId of a.optionIds) {
        const option = SURVEY_OPTIONS[optionId - 1]!;
        const id = c.rows.length + 1;
        c.rows.push({
          id, createdAt: response.submittedAt, updatedAt: response.submittedAt,
          applicationId: app.id, questionId: a.questionId, optionId, freeText: option.freeForm ? a.freeText : null,
        });
        ids.push(id);
      }
    }
    c.byApplication.set(app.id, ids);
  }
  return c;
}

export function renderQuestionSet(iso: (ms: number) => string, r: SetRow): Json {
  const s = r.set;
  return { id: s.id, title: s.title, description: s.description, active: s.active, enabled: s.active, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt) };
}

export function renderQuestion(r: QuestionRow): Json {
  const q = r.question;
  return {
    id: q.id,
    demographic_question_set_id: q.setId,
    name: q.name,
    required: false,
    sort_order: r.sortOrder,
    active: q.active,
    answer_type: q.multiSelect ? 'multi_value_multi_select' : 'multi_value_single_select',
  };
}

export function renderOption(r: OptionRow): Json {
  const o = r.option;
  return {
    id: o.id,
    demographic_question_id: r.questionId,
    name: o.name,
    free_form: o.freeForm === true,
    decline_to_answer: o.decline === true,
    active: o.active,
  };
}

export function renderAnswer(iso: (ms: number) => string, r: AnswerRow): Json {
  return {
    id: r.id,
    application_id: r.applicationId,
    demographic_question_id: r.questionId,
    demographic_answer_option_id: r.optionId,
    free_form_text: r.freeText,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}
