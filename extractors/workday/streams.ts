import { HttpError, paginate } from '../../src/http/index.ts';
import { defineStream, type StreamDefinition, type StreamPage, type StreamReadRequest, type SyncWindow } from '../../src/extract/source.ts';
import { decodeState, encodeState, workdayPaginator, type OperationSpec, type WalkState } from './paging.ts';
import { readDemographics, readStageHistory } from './raas.ts';
import type { WorkdaySession } from './session.ts';
import type { Json, JsonValue, RequestNode } from './soap.ts';

/**
 * Workday filters on the moment a transaction was entered (Transaction_Log_Criteria_Data), both
 * ends inclusive; never on business dates, which can be effective-dated into the future. A first
 * sync without start_date sends no criteria at all: every instance.
 */
export function transactionWindow(window: SyncWindow): RequestNode | undefined {
  if (!window.since) return undefined;
  return {
    Transaction_Log_Criteria_Data: {
      Transaction_Date_Range_Data: { Updated_From: window.since.toISOString(), Updated_Through: window.until.toISOString() },
    },
  };
}

const obj = (v: JsonValue | undefined): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? v : undefined);
const str = (v: JsonValue | undefined): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

/** An instance's reference ID of `type`, else its WID. */
export function referenceId(ref: JsonValue | undefined, type: string): string | undefined {
  const ids = obj(obj(ref)?.['ID']);
  return str(ids?.[type]) ?? str(ids?.['WID']);
}

type Landed = Json & { As_Of_Entry_DateTime: string };

interface SoapStreamDef {
  name: string;
  spec: Omit<OperationSpec, 'criteria'>;
  recordId(record: Json): string | undefined;
  /** An instance as landed records (Get_Candidates: one per job application). */
  records(item: Json): Json[];
}

/**
 * Every Recruiting Get_* stream works the same way: the transaction-log window, Page/Count paging
 * pinned to page 1's snapshot, and each record stamped with that snapshot's moment
 * (As_Of_Entry_DateTime), which is when the version was observed: rebuilding stage visits from
 * versions needs it, since Workday keeps no history of its own.
 */
function soapStream(def: SoapStreamDef): StreamDefinition<WorkdaySession> {
  const idOf = (r: unknown): string => {
    const id = def.recordId(r as Json);
    if (!id) throw new Error(`workday ${def.name}: a record without an ID: ${JSON.stringify(r).slice(0, 200)}`);
    return id;
  };
  return defineStream<WorkdaySession>({
    name: def.name,
    sync: 'incremental',
    recordId: idOf,
    updatedAt: (r) => (r as Landed).As_Of_Entry_DateTime || null,
    async *read(session, req: StreamReadRequest): AsyncIterable<StreamPage> {
      const walk = workdayPaginator(session, { ...def.spec, criteria: transactionWindow(req.window) });
      const start: WalkState = req.resume ? decodeState(req.resume) : { page: 1, asOf: null };
      for await (const page of paginate(session.http, walk.request(start), walk.paginator, { signal: req.signal })) {
        const { asOf } = walk.pageOf(page.response);
        const records = page.items.flatMap((item) => def.records(item).map((r) => ({ ...r, As_Of_Entry_DateTime: asOf })));
        const next = page.next ? walk.stateOf(page.next) : undefined;
        yield { records, resume: next ? encodeState(next) : null };
      }
    },
    // A pinned snapshot Workday no longer serves (or a page beyond a changed total) is refused as
    // a validation error: read the window again from page 1.
    isStaleResume: (err) => err instanceof HttpError && err.kind === 'client',
  });
}

/** Get_Candidates returns candidates with their applications inside; hirelake lands one record per application. */
function applicationsOf(candidate: Json): Json[] {
  const data = obj(candidate['Candidate_Data']) ?? {};
  const apps = data['Job_Application_Data'];
  if (!Array.isArray(apps) || apps.length === 0) return [];
  const { Job_Application_Data: _omit, ...candidateData } = data;
  const context: Json = { Candidate_Reference: candidate['Candidate_Reference'] ?? {}, Candidate_Data: candidateData };
  return apps.map((a) => ({ ...(obj(a) ?? {}), Candidate: context }));
}

export const requisitionsStream = soapStream({
  name: 'requisitions',
  spec: { operation: 'Get_Job_Requisitions', item: 'Job_Requisition', responseGroup: { Include_Reference: 1, Include_Job_Requisition_Definition_Data: 1 } },
  recordId: (r) => referenceId(r['Job_Requisition_Reference'], 'Job_Requisition_ID'),
  records: (item) => [item],
});

export const jobApplicationsStream = soapStream({
  name: 'job_applications',
  // Attachments are base64 résumés: megabytes per candidate that no model reads.
  spec: { operation: 'Get_Candidates', item: 'Candidate', responseGroup: { Include_Reference: 1, Exclude_All_Attachments: 1 } },
  recordId: (r) => referenceId(r['Job_Application_Reference'], 'Job_Application_ID') ?? str(obj(r['Job_Applied_To_Data'])?.['Job_Application_ID']),
  records: applicationsOf,
});

export const postingsStream = soapStream({
  name: 'postings',
  spec: { operation: 'Get_Job_Postings', item: 'Job_Posting', responseGroup: { Include_Reference: 1 } },
  recordId: (r) => referenceId(r['Job_Posting_Reference'], 'Job_Posting_ID'),
  records: (item) => [item],
});

/** The optional RaaS stage history: the whole report every run (RaaS has no paging or change filter). */
export const stageHistoryStream = defineStream<WorkdaySession>({
  name: 'stage_history',
  sync: 'full',
  recordId: (r) => {
    const x = r as Record<string, string>;
    return `${x['job_application_id']}|${x['step']}|${x['moved_at']}`;
  },
  updatedAt: () => null,
  async *read(session, req): AsyncIterable<StreamPage> {
    const report = session.connection.stage_history_report;
    // Without a configured report there is nothing to read; stage visits are then rebuilt from versions.
    if (!report) return;
    yield { records: await readStageHistory(session, report, req.signal), resume: null };
  },
});

/** The self-identification report (demographics: true): the whole report every run, like the stage history. */
export const demographicsStream = defineStream<WorkdaySession>({
  name: 'demographics',
  sync: 'full',
  demographics: true,
  primaryKey: 'job_application_id',
  cursorField: null,
  async *read(session, req): AsyncIterable<StreamPage> {
    const report = session.connection.demographics_report;
    if (!report) return;
    yield { records: await readDemographics(session, report, req.signal), resume: null };
  },
});

export const workdayStreams: readonly StreamDefinition<WorkdaySession>[] = [requisitionsStream, jobApplicationsStream, postingsStream, stageHistoryStream, demographicsStream];
