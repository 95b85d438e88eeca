import { z } from 'zod';
import { connectionBaseSchema } from '../../src/config/schema.ts';

const reportName = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'expected a Workday report or user name (letters, digits, _ . -)');
const column = z.string().min(1, 'expected the report column (XML alias) name');

/**
 * The customer's RaaS report of job-application stage history: one row per move into a workflow
 * step. Its column names are the report author's, so each logical column names its report column.
 */
export const stageHistoryReportSchema = z.strictObject({
  /** The Workday user that owns the report (often the ISU itself). */
  owner: reportName,
  name: reportName,
  columns: z.strictObject({
    job_application_id: column,
    /** The job's workflow step: the same value Get_Candidates shows as Workflow_Step_Reference's descriptor. */
    step: column,
    /** When the application moved into the step (dateTime). */
    moved_at: column,
    /** Optional: the tenant-wide recruiting stage, used to recognise the Ready for Hire row. */
    recruiting_stage: column.optional(),
    candidate_id: column.optional(),
    job_requisition_id: column.optional(),
  }),
  /** Report prompts as query parameters, e.g. { Applied_From: '2020-01-01' }. */
  prompts: z.record(z.string().regex(/^[A-Za-z0-9_!]+$/, 'expected a prompt parameter name'), z.string()).default({}),
});

/**
 * The customer's RaaS report of voluntary self-identification (demographics: true): one row per job
 * application, on the job application's Personal_Information_Data. Only the id and the answers
 * belong in it, never a name.
 */
export const demographicsReportSchema = z.strictObject({
  owner: reportName,
  name: reportName,
  columns: z.strictObject({
    job_application_id: column,
    gender: column.optional(),
    /** ethnicity / race */
    race: column.optional(),
    veteran_status: column.optional(),
    disability_status: column.optional(),
  }),
  prompts: z.record(z.string().regex(/^[A-Za-z0-9_!]+$/, 'expected a prompt parameter name'), z.string()).default({}),
});

/** A `source: workday` connection (Recruiting SOAP web service, WS-Security UsernameToken). */
export const workdayConnectionSchema = connectionBaseSchema
  .extend({
    source: z.literal('workday'),
    /** e.g. wd2-impl-services1.workday.com or wd5-services1.myworkday.com */
    host: z.string().regex(/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:\d+)?$/i, 'expected a host name such as wd5-services1.myworkday.com'),
    /** The tenant name from the Workday URL, e.g. acme or acme_preview. */
    tenant: z.string().regex(/^[a-z0-9_]+$/, 'expected the lowercase tenant name, e.g. acme'),
    credentials: z.strictObject({
      /** The integration system user; `@tenant` is added when missing. */
      username: z.string().min(1, 'expected the integration system user (ISU) name'),
      password: z.string().min(1, 'expected the ISU password'),
    }),
    /** Override of https://{host}, e.g. an emulator. */
    base_url: z.url().optional(),
    /** Web-service version in the endpoint path. */
    api_version: z.string().regex(/^v\d{2}\.\d$/, 'expected a version such as v42.0').default('v42.0'),
    /** Response_Filter Count: instances per page (Workday allows up to 999). */
    page_size: z.number().int().min(1).max(999).default(100),
    stage_history_report: stageHistoryReportSchema.optional(),
    demographics_report: demographicsReportSchema.optional(),
  })
  .refine((c) => !c.demographics || c.demographics_report !== undefined, {
    path: ['demographics_report'],
    message: 'Workday demographics come from a custom report: with demographics: true, name it here (owner, name, columns)',
  })
  .transform((c) => ({ ...c, base_url: (c.base_url ?? `https://${c.host}`).replace(/\/+$/, '') }));

export type WorkdayConnection = z.output<typeof workdayConnectionSchema>;
export type StageHistoryReport = z.output<typeof stageHistoryReportSchema>;
export type DemographicsReport = z.output<typeof demographicsReportSchema>;
