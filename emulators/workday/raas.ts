// Report-as-a-Service: a customer's advanced custom report "enabled as web service", here one of
// job-application stage history (one row per move into a workflow step, the row Workday's SOAP API
// cannot give). Column names are whatever the report author chose, so they are configurable and
// the extractor must be told them.
import { XMLBuilder } from 'fast-xml-parser';
import type { World } from '../world/index.ts';
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
    if (app.isProspect || app.jobId === null) continue;
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

export function reportJson(rows: Row[], def: StageHistoryReportDef): string {
  if (rows.length === 0) return def.emptyBody === '[]' ? '{"Report_Entry":[]}' : '{}';
  return JSON.stringify({ Report_Entry: rows });
}

const xmlBuilder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_' });

/** RaaS's default format: `wd:Report_Data/wd:Report_Entry` in the report's own namespace. */
export function reportXml(rows: Row[], def: StageHistoryReportDef): string {
  const entries = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [`wd:${k}`, v])));
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    xmlBuilder.build({ 'wd:Report_Data': { '@_xmlns:wd': `urn:com.workday.report/${def.name}`, 'wd:Report_Entry': entries } })
  );
}
