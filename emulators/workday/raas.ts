// Report-as-a-Service: a customer's advanced custom report "enabled as web service", here one of
// job-application stage history (one row per move into a workflow step, the row Workday's SOAP API
// cannot give). Column names are whatever the report author chose, so they are configurable and
// the extractor must be told them.
import { XMLBuilder } from 'fast-xml-parser';
import { DECLINED, demographicsOf, isErased, type DemographicCategory, type World } from '../world/index.ts';
import { candidateId, jobApplicationId, READY_FOR_HIRE_STEP, RECRUITING_STAGES, recruitingStageOf } from './render.ts';
import { wdDateTime } from './time.ts';

/** The logical columns of the stage-history report, mapped to the report's column (XML alias) names. */
export interface StageHistoryColumns {
  job_application_id: string;
  candidate_id: string;
  job_requisition_id: string;
  /** the tenant-wide recruiting stage (Screen, Interview, …) */
  recruiting_stage: string;
  /** the job's own workflow step: the stage as the job names it */
  step: string;
  /** when the application moved into the step */
  moved_at: string;
}

export interface StageHistoryReportDef {
  owner: string;
  name: string;
  columns: StageHistoryColumns;
  /** how a report with no rows comes back: Workday sends `{}` (default) */
  emptyBody?: '{}' | '[]';
}

export const DEFAULT_STAGE_HISTORY_REPORT: StageHistoryReportDef = {
  owner: 'ISU_HIRELAKE',
  name: 'Recruiting_Stage_History',
  columns: {
    job_application_id: 'Job_Application_ID',
    candidate_id: 'Candidate_ID',
    job_requisition_id: 'Job_Requisition_ID',
    recruiting_stage: 'Recruiting_Stage',
    step: 'Job_Application_Step',
    moved_at: 'Date_and_Time_Moved_to_Step',
  },
};

type Row = Record<string, string>;

/** Every move of every job application into a step, hires ending in Ready for Hire; prospects have none. */
export function stageHistoryRows(world: World, def: StageHistoryReportDef, timeZone: string): Row[] {
  const col = def.columns;
  const rows: Row[] = [];
  for (const app of world.applications) {
    if (app.isProspect || app.jobId === null || isErased(world.candidates[app.candidateId - 1]!)) continue;
    const job = world.jobs[app.jobId - 1]!;
    const base = {
      [col.job_application_id]: jobApplicationId(app.id),
      [col.candidate_id]: candidateId(app.candidateId),
      [col.job_requisition_id]: job.requisitionId,
    };
    for (const vid of app.visitIds) {
      const v = world.visits[vid - 1]!;
      const stage = world.stages[v.stageId - 1]!;
      rows.push({ ...base, [col.recruiting_stage]: recruitingStageOf(stage).name, [col.step]: stage.name, [col.moved_at]: wdDateTime(v.enteredAt, timeZone) });
    }
    if (app.status === 'hired') {
      rows.push({
        ...base,
        [col.recruiting_stage]: RECRUITING_STAGES.ready_for_hire.name,
        [col.step]: READY_FOR_HIRE_STEP,
        [col.moved_at]: wdDateTime(app.hiredAt!, timeZone),
      });
    }
  }
  return rows;
}

/** The logical columns of a demographics report (one row per job application with answers). */
export interface DemographicsColumns {
  job_application_id: string;
  gender: string;
  race: string;
  veteran_status: string;
  disability_status: string;
}

export interface DemographicsReportDef {
  owner: string;
  name: string;
  columns: DemographicsColumns;
}

export const DEFAULT_DEMOGRAPHICS_REPORT: DemographicsReportDef = {
  owner: 'ISU_HIRELAKE',
  name: 'Recruiting_Self_Identification',
  columns: {
    job_application_id: 'Job_Application_ID',
    gender: 'Gender',
    race: 'Ethnicity',
    veteran_status: 'Veteran_Status',
    disability_status: 'Disability_Status',
  },
};

/** The descriptors of a US tenant's reference data where they differ from the world's wording. */
const DESCRIPTOR: Readonly<Record<DemographicCategory, Readonly<Record<string, string>>>> = {
  gender: { [DECLINED]: 'Not Declared' },
  race: {
    'American Indian or Alaskan Native': 'American Indian or Alaska Native (United States of America)',
    Asian: 'Asian (United States of America)',
    'Black or African American': 'Black or African American (United States of America)',
    'Hispanic or Latino': 'Hispanic or Latino (United States of America)',
    'Native Hawaiian or Other Pacific Islander': 'Native Hawaiian or Other Pacific Islander (United States of America)',
    White: 'White (United States of America)',
    'Two or More Races': 'Two or More Races (United States of America)',
    [DECLINED]: 'I do not wish to answer. (United States of America)',
  },
  veteran_status: {
    'I identify as one or more of the classifications of a protected veteran': 'Protected Veteran',
    'I am not a protected veteran': 'Not a Protected Veteran',
    [DECLINED]: 'I do not wish to self-identify',
  },
  disability_status: {
    'Yes, I have a disability (or previously had a disability)': 'Yes, I have a disability, or have a history/record of having a disability',
    "No, I don't have a disability": "No, I don't have a disability, or a history/record of having a disability",
    [DECLINED]: "I don't wish to answer",
  },
};

/** One row per job application whose candidate answered, with the answers as descriptors. */
export function demographicsRows(world: World, def: DemographicsReportDef): Row[] {
  const col = def.columns;
  const rows: Row[] = [];
  for (const app of world.applications) {
    if (app.isProspect || app.jobId === null || isErased(world.candidates[app.candidateId - 1]!)) continue;
    const d = demographicsOf(world, app);
    if (d === null) continue;
    const word = (c: DemographicCategory) => DESCRIPTOR[c][d.answers[c]] ?? d.answers[c];
    rows.push({
      [col.job_application_id]: jobApplicationId(app.id),
      [col.gender]: word('gender'),
      [col.race]: word('race'),
      [col.veteran_status]: word('veteran_status'),
      [col.disability_status]: word('disability_status'),
    });
  }
  return rows;
}

export function reportJson(rows: Row[], def: { name: string; emptyBody?: '{}' | '[]' }): string {
  if (rows.length === 0) return def.emptyBody === '[]' ? '{"Report_Entry":[]}' : '{}';
  return JSON.stringify({ Report_Entry: rows });
}

const xmlBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/** RaaS's default format: `wd:Report_Data/wd:Report_Entry` in the report's own namespace. */
export function reportXml(rows: Row[], def: { name: string }): string {
  const entries = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [`wd:${k}`, v])));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    xmlBuilder.build({ 'wd:Report_Data': { '@_xmlns:wd': `urn:com.workday.report/${def.name}`, 'wd:Report_Entry': entries } })
  );
}
