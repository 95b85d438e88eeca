// The footer on every page: how fresh the data is (the run log), stage names no mapping knows (their
// visits are in no funnel), and the rows that did not reach the model (marts.dropped_records).
import { qualified } from '../../engine/identifiers.ts';
import { tableExists } from '../../engine/table-exists.ts';
import { escapeHtml } from '../html.ts';
import type { ReportDb } from '../warehouse.ts';
import { num } from './common.ts';

export interface Footer {
  readonly connection: string;
  /** When the newest successful extract of any stream finished. */
  readonly lastSuccess: Date | null;
  /** Streams whose latest run failed or never finished. */
  readonly failing: readonly string[];
  readonly unmapped: readonly { stageName: string; jobs: number }[];
  /** null when the warehouse has no marts.dropped_records (built before it existed). */
  readonly dropped: readonly { source: string; entity: string; layer: string; reason: string; records: number }[] | null;
}

export async function loadFooter(db: ReportDb, connection: string): Promise<Footer> {
  const runs = { schema: db.schemas.meta, table: 'runs' };
  let lastSuccess: Date | null = null;
  let failing: string[] = [];
  if (await tableExists(db, runs)) {
    const rows = await db.query<{ stream: string; status: string }>(
      `select stream, status
       from (select r.*, row_number() over (partition by stream order by started_at desc) as rn from ${qualified(runs.schema, runs.table)} r where connection = $1) t
       where rn = 1 order by stream`,
      [connection],
    );
    const [best] = await db.query<{ at: Date | null }>(`select max(finished_at) as at from ${qualified(runs.schema, runs.table)} where connection = $1 and status = 'succeeded'`, [connection]);
    lastSuccess = best?.at ?? null;
    failing = rows.filter((r) => r.status !== 'succeeded').map((r) => r.stream);
  }
  const stages = { schema: db.schemas.core, table: 'job_stages' };
  const unmapped = (await tableExists(db, stages))
    ? (
        await db.query<{ stage_name: string; jobs: unknown }>(
          `select stage_name, count(distinct job_id) as jobs from ${qualified(stages.schema, stages.table)}
           where connection = $1 and canonical_stage is null group by stage_name order by stage_name`,
          [connection],
        )
      ).map((r) => ({ stageName: r.stage_name, jobs: num(r.jobs) }))
    : [];
  const droppedTable = { schema: db.schemas.marts, table: 'dropped_records' };
  const dropped = (await tableExists(db, droppedTable))
    ? (
        await db.query<Record<string, unknown>>(
          `select source, entity, layer, reason, sum(records) as records from ${qualified(droppedTable.schema, droppedTable.table)}
           where connection = $1 group by source, entity, layer, reason having sum(records) > 0 order by sum(records) desc, source, entity, layer, reason`,
          [connection],
        )
      ).map((r) => ({ source: String(r['source']), entity: String(r['entity']), layer: String(r['layer']), reason: String(r['reason']), records: num(r['records']) }))
    : null;
  return { connection, lastSuccess, failing, unmapped, dropped };
}

function age(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 90) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}

const stamp = (d: Date) => d.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';

export function footerHtml(f: Footer, opts: { now: Date; minCell: number; snapshotAt: Date | null }): string {
  const fresh = f.lastSuccess
    ? `Last successful extract of <b>${escapeHtml(f.connection)}</b>: ${stamp(f.lastSuccess)} (${age(f.lastSuccess, opts.now)}).`
    : `No successful extract of <b>${escapeHtml(f.connection)}</b> in the run log.`;
  const failing = f.failing.length > 0 ? ` <span class="warn">Streams whose last run failed: ${f.failing.map(escapeHtml).join(', ')}.</span>` : '';
  const unmapped =
    f.unmapped.length === 0
      ? 'Every stage name maps to a canonical stage.'
      : `<span class="warn">Stage names no mapping knows (their visits are in no funnel; add them to the connection's stage_mapping):</span> ${f.unmapped
          .map((u) => `${escapeHtml(u.stageName)} (${u.jobs} job${u.jobs === 1 ? '' : 's'})`)
          .join(', ')}.`;
  const dropped =
    f.dropped === null
      ? 'Rows that did not reach the model: not tracked by this warehouse (no marts.dropped_records yet).'
      : f.dropped.length === 0
        ? 'Every row the vendor sent reached the model.'
        : `<span class="warn">Rows that did not reach the model:</span><table class="dropped" data-table="dropped"><caption>Rows that did not reach the model</caption><thead><tr><th scope="col">Source</th><th scope="col">Entity</th><th scope="col">Layer</th><th scope="col">Reason</th><th scope="col" class="num">Records</th></tr></thead><tbody>${f.dropped
            .map((d) => `<tr><td>${escapeHtml(d.source)}</td><td>${escapeHtml(d.entity)}</td><td>${escapeHtml(d.layer)}</td><td>${escapeHtml(d.reason)}</td><td class="num">${d.records.toLocaleString('en-US')}</td></tr>`)
            .join('')}</tbody></table>`;
  const snapshot = opts.snapshotAt ? ` Read from a copy of the warehouse taken ${stamp(opts.snapshotAt)}.` : '';
  return `<footer class="data-footer" aria-label="About this data">
<p>${fresh}${failing}${snapshot}</p>
<p>${unmapped}</p>
<div>${dropped}</div>
<p class="legend"><span class="small">&lt;${opts.minCell}</span> = built from fewer than ${opts.minCell} applications, hidden for privacy (dashboard.min_cell). – = nothing to compute.</p>
</footer>`;
}
