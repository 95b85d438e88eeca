// The `custom_fields:` block: custom fields promoted from core.custom_field_values to typed
// columns of the core table they belong to (and of the marts cut by them), e.g.
//   custom_fields:
//     - { entity: jobs, field: "Level", as: level, type: text }
// Validated here, at config load, so a typo is a config error naming the key, not a failed build.
import { z } from 'zod';
import { isIdentifier } from '../engine/identifiers.ts';

export const CUSTOM_FIELD_ENTITIES = ['jobs', 'applications', 'candidates', 'offers', 'openings'] as const;
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean'] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export type CustomFieldColumnType = (typeof CUSTOM_FIELD_TYPES)[number];

/**
 * Column names a promoted field may not take: the columns of the core tables it is added to and
 * of the marts that carry promoted columns (funnel, time_to_hire). Kept beside the rule so the
 * error comes at config load; test/config/custom-fields.test.ts checks it against the built tables.
 */
export const RESERVED_COLUMNS: ReadonlySet<string> = new Set([
  // core.jobs, applications, candidates, offers, openings
  'connection', 'job_id', 'name', 'status', 'department_name', 'office_name', 'opened_at', 'closed_at', 'created_at',
  'application_id', 'candidate_id', 'is_prospect', 'source_name', 'applied_at', 'current_stage_id', 'current_stage_name',
  'current_canonical_stage', 'rejected_at', 'rejection_reason', 'rejection_type', 'hired_at', 'recruiter_id', 'coordinator_id',
  'credited_to_user_id', 'referrer_name', 'referrer_user_id', 'first_name', 'last_name', 'email', 'phone',
  'offer_id', 'version', 'sent_at', 'resolved_at', 'starts_on', 'opening_id', 'opening_key', 'target_start_on', 'close_reason',
  'is_backfill',
  // marts.funnel and marts.time_to_hire
  'job_name', 'hiring_manager_id', 'applied_month', 'canonical_stage', 'stage_order', 'reached', 'visited',
  'conversion_from_previous', 'days_to_hire',
]);

const fieldName = z.string().trim().min(1, 'expected the field\'s name (or key) as the ATS shows it');

export const promotedFieldSchema = z.strictObject({
  entity: z.enum(CUSTOM_FIELD_ENTITIES, { error: () => `expected one of ${CUSTOM_FIELD_ENTITIES.join(', ')}` }),
  /** matched against the field's name, else its key (Greenhouse's name_key, Lever's field id) */
  field: fieldName,
  as: z
    .string()
    .refine(isIdentifier, { message: 'expected a lowercase column name (letters, digits and _, starting with a letter or _)' })
    .refine((v) => !RESERVED_COLUMNS.has(v), { message: 'is already a column of the core table or of the marts that carry promoted fields; choose another name' }),
  type: z.enum(CUSTOM_FIELD_TYPES, { error: () => `expected one of ${CUSTOM_FIELD_TYPES.join(', ')}` }),
});
export type PromotedField = z.output<typeof promotedFieldSchema>;

export const customFieldsSchema = z
  .array(promotedFieldSchema)
  .default([])
  .superRefine((list, ctx) => {
    // Promoted columns meet in the marts (a job's and an application's fields side by side), so a
    // column name is used once across the whole block.
    const seen = new Map<string, number>();
    list.forEach((f, i) => {
      const first = seen.get(f.as);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [i, 'as'], message: `"${f.as}" is also the column of custom_fields[${first}]; column names must be unique` });
      else seen.set(f.as, i);
    });
  });
