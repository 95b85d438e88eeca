// The read operations of the Recruiting service: request criteria, the transaction-log window,
// Request_References, Response_Filter paging and the Response_Results block.
import { isErased, type World } from '../world/index.ts';
import { candidate, isPosted, posting, requisition, type RenderContext } from './render.ts';
import { text, type Node } from './soap.ts';
import { parseWdDateTime, wdDateTime } from './time.ts';
import { latestEntry, type LoggedKind } from './txlog.ts';

/** A request Workday refuses: becomes a Client.validationError fault. */
export class ValidationFault extends Error {
  constructor(
    message: string,
    readonly xpath: string,
  ) {
    super(message);
  }
}

interface OperationDef {
  kind: LoggedKind;
  /** element names inside Response_Data and of the instance reference */
  item: string;
  referenceName: string;
  /** candidate instances in a stable order (by id) */
  ids(world: World): number[];
  /** reference-ID types this operation's Request_References accept, mapped to an instance id */
  lookup(world: World, type: string, value: string): number | undefined;
  render(ctx: RenderContext, id: number): Node;
}

const byWidOrId = (prefixes: Record<string, (v: string) => number | undefined>) => (_w: World, type: string, value: string) => prefixes[type]?.(value);
const numeric = (re: RegExp) => (v: string): number | undefined => {
  const m = re.exec(v);
  return m ? Number(m[1]) : undefined;
};

export const OPERATIONS: Readonly<Record<string, OperationDef>> = {
  Get_Job_Requisitions_Request: {
    kind: 'requisition',
    item: 'Job_Requisition',
    referenceName: 'Job_Requisition_Reference',
    ids: (w) => w.jobs.map((j) => j.id),
    lookup: byWidOrId({ Job_Requisition_ID: numeric(/^REQ-(\d+)$/) }),
    render: (ctx, id) => requisition(ctx, ctx.world.jobs[id - 1]!),
  },
  Get_Candidates_Request: {
    kind: 'candidate',
    item: 'Candidate',
    referenceName: 'Candidate_Reference',
    // An erased candidate is purged from the tenant: gone from every answer.
    ids: (w) => w.candidates.filter((c) => !isErased(c)).map((c) => c.id),
    lookup: byWidOrId({ Candidate_ID: numeric(/^CAND-(\d+)$/) }),
    render: (ctx, id) => candidate(ctx, ctx.world.candidates[id - 1]!),
  },
  Get_Job_Postings_Request: {
    kind: 'posting',
    item: 'Job_Posting',
    referenceName: 'Job_Posting_Reference',
    ids: (w) => w.jobs.filter(isPosted).map((j) => j.id),
    lookup: byWidOrId({ Job_Posting_ID: numeric(/^JOB_POSTING-(\d+)-1$/) }),
    render: (ctx, id) => posting(ctx, ctx.world.jobs[id - 1]!),
  },
};

export const MAX_COUNT = 999;
const DEFAULT_COUNT = 100;

function obj(v: unknown): Record<string, unknown> | undefined {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function positiveInt(raw: string | undefined, fallback: number, xpath: string): number {
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw new ValidationFault(`'${raw}' is not a valid positive integer`, xpath);
  return Number(raw);
}

interface Window {
  from: number | null;
  through: number | null;
}

function transactionWindows(op: string, criteria: Record<string, unknown> | undefined, tz: string): Window[] {
  const list = criteria?.['Transaction_Log_Criteria_Data'];
  if (!Array.isArray(list)) return [];
  return list.map((entry, i) => {
    const range = obj(obj(entry)?.['Transaction_Date_Range_Data']);
    const xp = `/bsvc:${op}[1]/bsvc:Request_Criteria[1]/bsvc:Transaction_Log_Criteria_Data[${i + 1}]/bsvc:Transaction_Date_Range_Data[1]`;
    const at = (name: string): number | null => {
      const raw = text(range?.[name]);
      if (raw === undefined || raw === '') return null;
      const t = parseWdDateTime(raw, tz);
      if (Number.isNaN(t)) throw new ValidationFault(`Invalid value '${raw}' for element ${name}: expected an xs:dateTime`, `${xp}/bsvc:${name}[1]`);
      return t;
    };
    const w = { from: at('Updated_From'), through: at('Updated_Through') };
    if (w.from !== null && w.through !== null && w.from > w.through) {
      throw new ValidationFault('Updated_From must be on or before Updated_Through', `${xp}/bsvc:Updated_From[1]`);
    }
    return w;
  });
}

function referencedIds(def: OperationDef, world: World, refs: Record<string, unknown> | undefined, op: string): number[] | null {
  if (!refs) return null;
  const list = refs[def.referenceName];
  if (!Array.isArray(list)) return null;
  const skipMissing = ['1', 'true'].includes(String(refs['@_Skip_Non_Existing_Instances'] ?? '0'));
  const all = new Set(def.ids(world));
  const out: number[] = [];
  list.forEach((ref, i) => {
    const ids = (obj(ref)?.['ID'] as unknown[] | undefined) ?? [];
    let found: number | undefined;
    let shown = '';
    for (const id of ids) {
      const type = String(obj(id)?.['@_type'] ?? '');
      const value = text(id) ?? '';
      shown = `'${value}' for type = '${type}'`;
      found = def.lookup(world, type, value);
      if (found !== undefined) break;
    }
    if (found !== undefined && all.has(found)) out.push(found);
    else if (!skipMissing) {
      throw new ValidationFault(`Invalid ID value.  ${shown || 'an empty reference'} is not a valid ID value`, `/bsvc:${op}[1]/bsvc:Request_References[1]/bsvc:${def.referenceName}[${i + 1}]`);
    }
  });
  return [...new Set(out)].sort((a, b) => a - b);
}

export interface QueryContext {
  render: RenderContext;
  /** membership snapshots keyed by query, so pages 2..n of one As_Of walk see the same instances */
  snapshots: Map<string, number[]>;
}

/** Runs one Get_* request; returns the response payload (without the root element). */
export function runOperation(op: string, body: Record<string, unknown>, q: QueryContext): Node {
  const def = OPERATIONS[op]!;
  const { world, timeZone } = q.render;
  const filter = obj(body['Response_Filter']);
  const page = positiveInt(text(filter?.['Page']), 1, `/bsvc:${op}[1]/bsvc:Response_Filter[1]/bsvc:Page[1]`);
  const count = positiveInt(text(filter?.['Count']), DEFAULT_COUNT, `/bsvc:${op}[1]/bsvc:Response_Filter[1]/bsvc:Count[1]`);
  if (count > MAX_COUNT) throw new ValidationFault(`Count must be between 1 and ${MAX_COUNT}`, `/bsvc:${op}[1]/bsvc:Response_Filter[1]/bsvc:Count[1]`);
  const criteria = obj(body['Request_Criteria']);
  const windows = transactionWindows(op, criteria, timeZone);
  // "As of" is the server's moment unless the client pins it (it must, on pages 2..n).
  const asOfRaw = text(filter?.['As_Of_Entry_DateTime']);
  const asOf = asOfRaw ? asOfRaw : wdDateTime(world.now, timeZone);
  if (asOfRaw && Number.isNaN(parseWdDateTime(asOfRaw, timeZone))) {
    throw new ValidationFault(`Invalid value '${asOfRaw}' for element As_Of_Entry_DateTime`, `/bsvc:${op}[1]/bsvc:Response_Filter[1]/bsvc:As_Of_Entry_DateTime[1]`);
  }

  const key = JSON.stringify([op, criteria ?? null, body['Request_References'] ?? null, asOf]);
  let ids = asOfRaw ? q.snapshots.get(key) : undefined;
  if (!ids) {
    const referenced = referencedIds(def, world, obj(body['Request_References']), op);
    ids = (referenced ?? def.ids(world)).filter((id) => {
      if (windows.length === 0) return true;
      const entered = latestEntry(world, def.kind, id);
      return windows.some((w) => (w.from === null || entered >= w.from) && (w.through === null || entered <= w.through));
    });
    q.snapshots.set(key, ids);
    // A bounded memory of walks in progress: old ones are simply re-evaluated.
    if (q.snapshots.size > 256) q.snapshots.delete(q.snapshots.keys().next().value!);
  }

  const total = ids.length;
  const totalPages = Math.ceil(total / count);
  const slice = ids.slice((page - 1) * count, page * count);
  const echoFilter: Node = {
    As_Of_Effective_Date: text(filter?.['As_Of_Effective_Date']) || asOf.slice(0, 10) + asOf.slice(23),
    As_Of_Entry_DateTime: asOf,
    Page: String(page),
    Count: String(count),
  };
  return {
    ...(body['Request_References'] ? { Request_References: body['Request_References'] as Node } : {}),
    ...(criteria ? { Request_Criteria: criteria as Node } : {}),
    Response_Filter: echoFilter,
    ...(body['Response_Group'] ? { Response_Group: body['Response_Group'] as Node } : {}),
    Response_Results: {
      Total_Results: String(total),
      Total_Pages: String(totalPages),
      Page_Results: String(slice.length),
      Page: String(total === 0 ? 0 : page),
    },
    // Workday omits Response_Data entirely when nothing matched.
    ...(slice.length > 0 ? { Response_Data: { [def.item]: slice.map((id) => def.render(q.render, id)) } } : {}),
  };
}

