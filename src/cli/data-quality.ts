// How the CLI shows what did not reach the models cleanly: every record a vendor sent that a layer
// left out (marts.dropped_records) and every stage name mapped by inference or not at all. A run
// warns with one line per connection; `hirelake status` lists them in full.
import type { DataQuality } from '../../transforms/index.ts';
import type { CommandContext } from './context.ts';

/** Totals for `--json` summaries. */
export function dataQualitySummary(dq: DataQuality): Record<string, unknown> {
  const dropped: Record<string, number> = {};
  for (const d of dq.dropped) dropped[d.connection] = (dropped[d.connection] ?? 0) + d.records;
  return { dropped_records: dropped, inferred_stages: dq.inferredStages.length, unmapped_stages: dq.unmappedStages.length };
}

/** One warning per connection with dropped records, one for inferred and one for unmapped stage names. */
export function warnDataQuality(ctx: CommandContext, dq: DataQuality): void {
  const byConnection = new Map<string, number>();
  for (const d of dq.dropped) byConnection.set(d.connection, (byConnection.get(d.connection) ?? 0) + d.records);
  for (const [connection, n] of byConnection) {
    ctx.log.warn(`${connection}: ${n} records did not reach every model (marts.dropped_records; \`hirelake status\` lists why)`);
  }
  if (dq.inferredStages.length > 0) {
    ctx.log.warn(`${dq.inferredStages.length} stage names were mapped by inference; confirm them in stage_mapping (\`hirelake status\` lists them)`);
  }
  if (dq.unmappedStages.length > 0) {
    ctx.log.warn(`${dq.unmappedStages.length} stage names map to no canonical stage; add them to stage_mapping (\`hirelake status\` lists them)`);
  }
}

/** The full lists, for `hirelake status`. */
export function printDataQuality(ctx: CommandContext, dq: DataQuality): void {
  if (dq.dropped.length > 0) {
    ctx.out.line('\nRecords that did not reach every model (marts.dropped_records):');
    ctx.out.table(dq.dropped.map((d) => ({ connection: d.connection, entity: d.entity, layer: d.layer, reason: d.reason, records: d.records })));
  }
  if (dq.inferredStages.length > 0) {
    ctx.out.line('\nStage names mapped by inference (confirm or override them in the connection\'s stage_mapping):');
    ctx.out.table(dq.inferredStages.map((s) => ({ connection: s.connection, stage_name: s.stage_name, canonical_stage: s.canonical_stage, because: s.mapping_reason, jobs: s.jobs })));
  }
  if (dq.unmappedStages.length > 0) {
    ctx.out.line('\nStage names with no canonical stage (add them to the connection\'s stage_mapping):');
    ctx.out.table(dq.unmappedStages.map((u) => ({ connection: u.connection, stage_name: u.stage_name, jobs: u.jobs })));
  }
}
