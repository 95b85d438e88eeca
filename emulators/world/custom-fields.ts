// Custom fields: the account-defined fields real accounts add to jobs, applications, candidates,
// offers and openings (level, cost centre, backfill, salary, languages, …), one of every type an
// ATS offers. Values are a pure function of the world's seed, the field and the record, so they
// take no state and no draw from the simulation, and every record keeps its values for life.
// Some records leave a field empty; one field per world is defined but never filled (archived).
import type { World } from './types.ts';
import { isoDate } from './time.ts';

export type CustomFieldEntity = 'jobs' | 'applications' | 'candidates' | 'offers' | 'openings';
export type CustomFieldType =
  | 'short_text' | 'long_text' | 'yes_no' | 'single_select' | 'multi_select' | 'number' | 'currency' | 'date' | 'url' | 'user';

export interface CustomFieldDef {
  /** stable id, 1-based, the index + 1 in CUSTOM_FIELDS */
  id: number;
  entity: CustomFieldEntity;
  /** immutable key (Greenhouse's name_key) */
  key: string;
  name: string;
  type: CustomFieldType;
  /** for selects */
  options?: readonly string[];
  /** share of records with a value (0: defined, never filled) */
  filled: number;
}

/** A value in the world's own terms; vendors render it in their shapes. */
export type CustomFieldValue =
  | { type: 'text'; value: string }
  | { type: 'number'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'date'; value: string }
  | { type: 'options'; value: string[] }
  | { type: 'currency'; amount: number; unit: string }
  | { type: 'user'; userId: number };

const LEVELS = ['L3', 'L4', 'L5', 'L6', 'L7'] as const;
const SKILLS = ['TypeScript', 'SQL', 'Go', 'Python', 'Kubernetes', 'Negotiation', 'Figma'] as const;
const LANGUAGES = ['English', 'German', 'French', 'Spanish', 'Japanese'] as const;

const DEFS: readonly Omit<CustomFieldDef, 'id'>[] = [
  { entity: 'jobs', key: 'level', name: 'Level', type: 'single_select', options: LEVELS, filled: 0.9 },
  { entity: 'jobs', key: 'cost_center', name: 'Cost Center', type: 'short_text', filled: 0.85 },
  { entity: 'jobs', key: 'backfill', name: 'Backfill', type: 'yes_no', filled: 0.95 },
  { entity: 'jobs', key: 'target_salary', name: 'Target Salary', type: 'currency', filled: 0.6 },
  { entity: 'jobs', key: 'budget_approved_on', name: 'Budget Approved On', type: 'date', filled: 0.7 },
  { entity: 'jobs', key: 'headcount_plan', name: 'Headcount Plan', type: 'number', filled: 0.5 },
  { entity: 'jobs', key: 'required_skills', name: 'Required Skills', type: 'multi_select', options: SKILLS, filled: 0.6 },
  { entity: 'jobs', key: 'budget_owner', name: 'Budget Owner', type: 'user', filled: 0.4 },
  { entity: 'jobs', key: 'job_brief', name: 'Job Brief', type: 'url', filled: 0.3 },
  { entity: 'jobs', key: 'hiring_plan_notes', name: 'Hiring Plan Notes', type: 'long_text', filled: 0.2 },
  { entity: 'jobs', key: 'legacy_grade', name: 'Legacy Grade', type: 'short_text', filled: 0 },
  { entity: 'applications', key: 'referral_bonus_eligible', name: 'Referral Bonus Eligible', type: 'yes_no', filled: 0.5 },
  { entity: 'applications', key: 'expected_salary', name: 'Expected Salary', type: 'number', filled: 0.4 },
  { entity: 'applications', key: 'interview_language', name: 'Interview Language', type: 'single_select', options: LANGUAGES, filled: 0.7 },
  { entity: 'applications', key: 'notice_period_ends', name: 'Notice Period Ends', type: 'date', filled: 0.3 },
  { entity: 'applications', key: 'portfolio', name: 'Portfolio', type: 'url', filled: 0.2 },
  { entity: 'applications', key: 'recruiter_notes', name: 'Recruiter Notes', type: 'long_text', filled: 0.15 },
  { entity: 'applications', key: 'desired_salary', name: 'Desired Salary', type: 'currency', filled: 0.25 },
  { entity: 'applications', key: 'tools', name: 'Tools', type: 'multi_select', options: SKILLS, filled: 0.2 },
  { entity: 'candidates', key: 'work_authorization', name: 'Work Authorization', type: 'single_select', options: ['Citizen', 'Visa required', 'Permanent resident'], filled: 0.6 },
  { entity: 'candidates', key: 'languages', name: 'Languages', type: 'multi_select', options: LANGUAGES, filled: 0.5 },
  { entity: 'candidates', key: 'available_from', name: 'Available From', type: 'date', filled: 0.4 },
  { entity: 'candidates', key: 'years_of_experience', name: 'Years of Experience', type: 'number', filled: 0.6 },
  { entity: 'candidates', key: 'open_to_relocation', name: 'Open to Relocation', type: 'yes_no', filled: 0.5 },
  { entity: 'offers', key: 'signing_bonus', name: 'Signing Bonus', type: 'currency', filled: 0.5 },
  { entity: 'offers', key: 'equity_units', name: 'Equity Units', type: 'number', filled: 0.6 },
  { entity: 'offers', key: 'relocation_package', name: 'Relocation Package', type: 'yes_no', filled: 0.9 },
  { entity: 'offers', key: 'offer_expires_on', name: 'Offer Expires On', type: 'date', filled: 0.8 },
  { entity: 'openings', key: 'budget_code', name: 'Budget Code', type: 'short_text', filled: 0.8 },
  { entity: 'openings', key: 'employment_type', name: 'Employment Type', type: 'single_select', options: ['Full-time', 'Part-time', 'Contract'], filled: 0.9 },
  { entity: 'openings', key: 'backfill_for', name: 'Backfill For', type: 'user', filled: 0.2 },
];

export const CUSTOM_FIELDS: readonly CustomFieldDef[] = DEFS.map((d, i) => ({ ...d, id: i + 1 }));

export function customFieldsOf(entity: CustomFieldEntity): readonly CustomFieldDef[] {
  return CUSTOM_FIELDS.filter((f) => f.entity === entity);
}

/** A well-mixed 32-bit hash of the inputs (murmur3 finaliser over a running mix). */
function hash(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x85ebca6b);
    h ^= h >>> 13;
  }
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** uniform in [0, 1) from the inputs */
function unit(...parts: number[]): number {
  return hash(...parts) / 4294967296;
}

const DAY_MS = 86_400_000;
const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;

/**
 * The value a record has for a field, or null when it was left empty. `createdAt` anchors dates
 * (a date field sits within a year of the record's creation); user fields name one of the
 * world's recruiters or hiring managers.
 */
export function customFieldValue(world: World, def: CustomFieldDef, recordId: number, createdAt: number): CustomFieldValue | null {
  const r = (salt: number) => unit(world.seed, def.id, recordId, salt);
  if (r(0) >= def.filled) return null;
  const pickOf = (opts: readonly string[], salt: number) => opts[Math.floor(r(salt) * opts.length)]!;
  switch (def.type) {
    case 'short_text':
      return { type: 'text', value: def.key === 'cost_center' ? `CC-${1000 + Math.floor(r(1) * 40)}` : `${def.key.slice(0, 3).toUpperCase()}-${100 + Math.floor(r(1) * 900)}` };
    case 'long_text':
      return { type: 'text', value: `Plan ${1 + Math.floor(r(1) * 9)}: "${pickOf(SKILLS, 2)}" first, then café chats 🚀\nsecond line` };
    case 'url':
      return { type: 'text', value: `https://docs.example.com/${def.key}/${recordId}?v=${Math.floor(r(1) * 100)}` };
    case 'yes_no':
      return { type: 'bool', value: r(1) < 0.4 };
    case 'single_select':
      return { type: 'options', value: [pickOf(def.options!, 1)] };
    case 'multi_select': {
      const chosen = def.options!.filter((_, i) => r(10 + i) < 0.35);
      return { type: 'options', value: chosen.length > 0 ? chosen : [pickOf(def.options!, 1)] };
    }
    case 'number':
      // Whole numbers mostly, a fraction now and then (Greenhouse numbers are decimals).
      return { type: 'number', value: r(2) < 0.1 ? Math.round(r(1) * 1_000_000) / 100 : Math.floor(r(1) * (def.key.includes('salary') ? 200_000 : 40)) };
    case 'currency':
      return { type: 'currency', amount: 1_000 * (5 + Math.floor(r(1) * 150)), unit: pickOf(CURRENCIES, 2) };
    case 'date':
      return { type: 'date', value: isoDate(createdAt + Math.floor((r(1) - 0.3) * 365) * DAY_MS) };
    case 'user': {
      const pool = world.users.filter((u) => u.role === 'recruiter' || u.role === 'hiring_manager');
      return pool.length === 0 ? null : { type: 'user', userId: pool[Math.floor(r(1) * pool.length)]!.id };
    }
  }
}

/** Every field of an entity with the record's value (empty fields included, value null). */
export function customFieldValues(world: World, entity: CustomFieldEntity, recordId: number, createdAt: number): { def: CustomFieldDef; value: CustomFieldValue | null }[] {
  return customFieldsOf(entity).map((def) => ({ def, value: customFieldValue(world, def, recordId, createdAt) }));
}
