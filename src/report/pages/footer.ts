// The footer on every page: how fresh the data is (the run log), stage names no mapping knows (their
// visits are in no funnel), and the rows that did not reach the model (marts.dropped_records).
import { qualified } from '../../engine/identifiers.ts';
import { tableExists } from '../../engine/table-exists.ts';
import { escapeHtml } from '../html.ts';
import type { ReportDb } from '../warehouse.ts';
import { dataQuality, type DataQuality } from '../../../transforms/index.ts';

export interface Footer {
  readonly connection: string;
  /** When the newest successful extract of any stream finished. */
  readonly lastSuccess: Date | null;
  /** Streams whose latest run failed or never finished. */
  readonly failing: readonly string[];
  /** Records that did not reach every model, stage names mapped by inference or not at all. */
  readonly quality: DataQuality;
  /** Whether the warehouse counts dropped records at all (marts.dropped_records, built since issue 9). */
  readonly droppedTracked: boolean;
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
  return {
    connection,
    lastSuccess,
    failing,
    quality: await dataQuality(db, connection),
    droppedTracked: await tableExists(db, { schema: db.schemas.marts, table: 'dropped_records' }),
  };
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
  const q = f.quality;
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const unmapped =
    q.unmappedStages.length === 0
      ? 'Every stage name maps to a canonical stage.'
      : `<span class="warn">Stage names no mapping knows (their visits are in no funnel; add them to the connection's stage_mapping):</span> ${q.unmappedStages
          .map((u) => `${escapeHtml(u.stage_name)} (${plural(u.jobs, 'plan')})`)
          .join(', ')}.`;
  const inferred =
    q.inferredStages.length === 0
      ? ''
      : `<p>Stage names mapped by inference (confirm or override them in stage_mapping): ${q.inferredStages
          .map((s) => `${escapeHtml(s.stage_name)} → ${escapeHtml(s.canonical_stage)} (${escapeHtml(s.mapping_reason)})`)
          .join(', ')}.</p>`;
  const dropped = !f.droppedTracked
    ? 'Rows that did not reach the model: not tracked by this warehouse (no marts.dropped_records; run `hirelake transform` with this version).'
    : q.dropped.length === 0
      ? 'Every record the vendor sent reached the model.'
      : `<span class="warn">Rows that did not reach the model:</span><table class="dropped" data-table="dropped"><caption>Records that did not reach every model (marts.dropped_records)</caption><thead><tr><th scope="col">Entity</th><th scope="col">Layer</th><th scope="col">Reason</th><th scope="col" class="num">Records</th></tr></thead><tbody>${q.dropped
          .map((d) => `<tr><td>${escapeHtml(d.entity)}</td><td>${escapeHtml(d.layer)}</td><td>${escapeHtml(d.reason)}</td><td class="num">${d.records.toLocaleString('en-US')}</td></tr>`)
          .join('')}</tbody></table>`;
  const snapshot = opts.snapshotAt ? ` Read from a copy of the warehouse taken ${stamp(opts.snapshotAt)}.` : '';
  return `<footer class="data-footer" aria-label="About this data">
<p>${fresh}${failing}${snapshot}</p>
<p>${unmapped}</p>
${inferred}
<div>${dropped}</div>
<p class="legend"><span class="small">&lt;${opts.minCell}</span> = built from fewer than ${opts.minCell} applications, hidden for privacy (dashboard.min_cell). – = nothing to compute.</p>
</footer>`;
}
