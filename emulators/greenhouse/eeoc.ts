// /v3/eeoc: the voluntary self-identification of each application (Harvest's EEOC object), one
// row per application that answered, keyed by application_id. The rows are derived from the
// world's survey answers (world/demographics.ts) and cached per world: answers never change once
// given, and applications are only ever appended.
import { DECLINED, demographicsOf, type DemographicCategory, type DemographicResponse, type World } from '../world/index.ts';
import type { Row } from './resources.ts';

export interface EeocRow extends Row {
  /** null: the application has no survey answers (the row is never listed) */
  response: DemographicResponse | null;
}

const cache = new WeakMap<World, EeocRow[]>();

/** id-indexed like every resource: rows[appId - 1] belongs to application appId. */
export function eeocRows(w: World): readonly EeocRow[] {
  let rows = cache.get(w);
  if (!rows) cache.set(w, (rows = []));
  for (let i = rows.length; i < w.applications.length; i++) {
    const app = w.applications[i]!;
    const response = demographicsOf(w, app);
    const at = response?.submittedAt ?? app.createdAt;
    rows.push({ id: app.id, createdAt: at, updatedAt: at, response });
  }
  return rows;
}

/** Harvest's option lists: ids and descriptions as in its EEOC reference; declines spelled per question. */
const OPTIONS: Readonly<Record<DemographicCategory, readonly string[]>> = {
  race: [
    'American Indian or Alaskan Native', 'Asian', 'Black or African American', 'Hispanic or Latino', 'White',
    'Native Hawaiian or Other Pacific Islander', 'Two or More Races', 'Decline To Self Identify',
  ],
  gender: ['Male', 'Female', 'Decline To Self Identify'],
  veteran_status: [
    'I am not a protected veteran', 'I identify as one or more of the classifications of a protected veteran', "I don't wish to answer",
  ],
  disability_status: ['Yes, I have a disability (or previously had a disability)', "No, I don't have a disability", "I don't wish to answer"],
};

function option(category: DemographicCategory, answer: string): { id: number; description: string } {
  const list = OPTIONS[category];
  const description = answer === DECLINED ? list[list.length - 1]! : answer;
  const i = list.indexOf(description);
  if (i < 0) throw new Error(`Greenhouse has no ${category} option "${answer}"`);
  return { id: i + 1, description };
}

export function renderEeoc(w: World, row: EeocRow, iso: (ms: number) => string): Record<string, unknown> {
  const r = row.response!;
  const app = w.applications[row.id - 1]!;
  return {
    application_id: app.id,
    candidate_id: app.candidateId,
    race: option('race', r.answers.race),
    gender: option('gender', r.answers.gender),
    veteran_status: option('veteran_status', r.answers.veteran_status),
    disability_status: option('disability_status', r.answers.disability_status),
    submitted_at: iso(r.submittedAt),
    updated_at: iso(row.updatedAt),
  };
}
