// Report-as-a-Service: GET …/customreport2/{tenant}/{owner}/{report}?format=json returns the whole
// report as { "Report_Entry": [ … ] } (or `{}` when it has no rows), keyed by the report's own
// column names. Rows are landed with the configured columns lifted to fixed names, and the row
// itself kept beside them, so the SQL never needs to know what the customer called things.
import { HttpError } from '../../src/http/index.ts';
import type { DemographicsReport, StageHistoryReport } from './config.ts';
import type { WorkdaySession } from './session.ts';

export type StageHistoryRecord = {
  job_application_id: string;
  step: string;
  moved_at: string;
  recruiting_stage: string | null;
  candidate_id: string | null;
  job_requisition_id: string | null;
  Report_Entry: Record<string, unknown>;
};

/** A multi-instance column holding one value may come as a scalar, several as an array. */
function scalar(v: unknown): string | null {
  if (Array.isArray(v)) return v.length === 0 ? null : scalar(v[0]);
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return scalar(o['Descriptor'] ?? o['ID'] ?? JSON.stringify(v));
  }
  return String(v);
}

/** Every row of a report, as the report's own columns. */
async function readReport(session: WorkdaySession, report: { owner: string; name: string; prompts: Record<string, string> }, signal: AbortSignal): Promise<Record<string, unknown>[]> {
  const { tenant } = session.connection;
  const path = `/ccx/service/customreport2/${encodeURIComponent(tenant)}/${encodeURIComponent(report.owner)}/${encodeURIComponent(report.name)}`;
  const res = await session.http.request(
    { url: path, query: { ...report.prompts, format: 'json' }, headers: await session.raasHeaders() },
    { signal },
  );
  const body = res.json;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError({ kind: 'invalid_body', method: 'GET', url: res.url, status: res.status, attempts: res.attempts, detail: 'expected a JSON object with Report_Entry' });
  }
  const entries = (body as Record<string, unknown>)['Report_Entry'] ?? [];
  return (Array.isArray(entries) ? entries : [entries]) as Record<string, unknown>[];
}

export async function readStageHistory(session: WorkdaySession, report: StageHistoryReport, signal: AbortSignal): Promise<StageHistoryRecord[]> {
  const rows = await readReport(session, report, signal);
  const c = report.columns;
  return rows.map((row, i) => {
    const need = (key: 'job_application_id' | 'step' | 'moved_at'): string => {
      const v = scalar(row[c[key]]);
      if (v === null) {
        throw new Error(
          `workday report ${report.owner}/${report.name}: row ${i + 1} has no value in column "${c[key]}" (stage_history_report.columns.${key}); ` +
            `the row has ${Object.keys(row).join(', ') || 'no columns'}`,
        );
      }
      return v;
    };
    const opt = (key: 'recruiting_stage' | 'candidate_id' | 'job_requisition_id'): string | null => (c[key] ? scalar(row[c[key]!]) : null);
    return {
      job_application_id: need('job_application_id'),
      step: need('step'),
      moved_at: need('moved_at'),
      recruiting_stage: opt('recruiting_stage'),
      candidate_id: opt('candidate_id'),
      job_requisition_id: opt('job_requisition_id'),
      Report_Entry: row,
    };
  });
}

export type DemographicsRecord = {
  job_application_id: string;
  gender: string | null;
  race: string | null;
  veteran_status: string | null;
  disability_status: string | null;
  Report_Entry: Record<string, unknown>;
};

/** The self-identification report: one row per job application, its answers as descriptors. */
export async function readDemographics(session: WorkdaySession, report: DemographicsReport, signal: AbortSignal): Promise<DemographicsRecord[]> {
  const rows = await readReport(session, report, signal);
  const c = report.columns;
  return rows.map((row, i) => {
    const id = scalar(row[c.job_application_id]);
    if (id === null) {
      throw new Error(
        `workday report ${report.owner}/${report.name}: row ${i + 1} has no value in column "${c.job_application_id}" (demographics_report.columns.job_application_id)`,
      );
    }
    const opt = (key: 'gender' | 'race' | 'veteran_status' | 'disability_status'): string | null => (c[key] ? scalar(row[c[key]!]) : null);
    return { job_application_id: id, gender: opt('gender'), race: opt('race'), veteran_status: opt('veteran_status'), disability_status: opt('disability_status'), Report_Entry: row };
  });
}
