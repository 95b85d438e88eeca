import type { Engine } from '../../engine/engine.ts';
import { qualified } from '../../engine/identifiers.ts';
import { tableExists } from '../../engine/table-exists.ts';
import { usingEngine } from '../../engine/open-engine.ts';
import { rawTableRef } from '../../landing/raw-table.ts';
import { ensureMetaSchema } from '../../state/meta-ddl.ts';
import { StateStore } from '../../state/state-store.ts';
import type { CommandContext } from '../context.ts';
import { unmappedStages } from '../../../transforms/index.ts';

export interface StreamStatus {
  connection: string;
  stream: string;
  last_run: string | null;
  last_status: string | null;
  last_finished_at: Date | null;
  watermark: string | null;
  resumable_pages: number | null;
  raw_rows: number;
  records: number;
  freshness_minutes: number | null;
  last_error: string | null;
}

export async function collectStatus(ctx: CommandContext, engine: Engine): Promise<StreamStatus[]> {
  await ensureMetaSchema(engine);
  const states = new Map((await new StateStore(engine.schemas.meta).list(engine)).map((s) => [`${s.connection}.${s.stream}`, s]));
  const lastRuns = await engine.query<{ connection: string; stream: string; run_id: string; status: string; finished_at: Date | null; error: string | null }>(
    `select connection, stream, run_id, status, finished_at, error from (
       select r.*, row_number() over (partition by connection, stream order by started_at desc) as rn from ${qualified(engine.schemas.meta, 'runs')} r
     ) t where rn = 1`,
  );
  const runs = new Map(lastRuns.map((r) => [`${r.connection}.${r.stream}`, r]));
  const rows: StreamStatus[] = [];
  for (const conn of ctx.config.connections) {
    if (ctx.connections && !ctx.connections.includes(conn.name)) continue;
    const source = ctx.sources[conn.source]!;
    for (const stream of source.streams) {
      if (conn.streams && !conn.streams.includes(stream.name)) continue;
      const key = `${conn.name}.${stream.name}`;
      const table = rawTableRef(engine, source.name, stream.name);
      let counts = { raw_rows: 0, records: 0 };
      if (await tableExists(engine, table)) {
        const [c] = await engine.query<{ raw_rows: number; records: number }>(
          `select count(*) as raw_rows, count(distinct _record_id) as records from ${qualified(table.schema, table.table)} where _connection = $1`,
          [conn.name],
        );
        counts = c ?? counts;
      }
      const st = states.get(key);
      const run = runs.get(key);
      const watermark = st?.checkpoint.watermark ?? null;
      rows.push({
        connection: conn.name,
        stream: stream.name,
        last_run: run?.run_id ?? null,
        last_status: run?.status ?? null,
        last_finished_at: run?.finished_at ?? null,
        watermark,
        resumable_pages: st?.checkpoint.pending?.pages ?? null,
        raw_rows: counts.raw_rows,
        records: counts.records,
        freshness_minutes: watermark ? Math.round((Date.now() - Date.parse(watermark)) / 60_000) : null,
        last_error: run?.error ?? null,
      });
    }
  }
  return rows;
}

export async function statusCommand(ctx: CommandContext): Promise<number> {
  const { streams, unmapped } = await usingEngine(ctx.config.warehouse, { wait: ctx.opts.wait ?? true }, async (engine) => ({
    streams: await collectStatus(ctx, engine),
    unmapped: (await unmappedStages(engine)).filter((u) => !ctx.connections || ctx.connections.includes(u.connection)),
  }));
  if (ctx.out.json) {
    ctx.out.data({ warehouse: ctx.config.warehouse.engine, streams, unmapped_stages: unmapped });
  } else {
    ctx.out.table(streams.map((s) => ({
      connection: s.connection, stream: s.stream, last_status: s.last_status, last_finished_at: s.last_finished_at,
      watermark: s.watermark, resumable_pages: s.resumable_pages, raw_rows: s.raw_rows, records: s.records, freshness_min: s.freshness_minutes,
    })));
    for (const s of streams) if (s.last_status === 'failed' && s.last_error) ctx.log.warn(`${s.connection}.${s.stream} last failed: ${s.last_error}`);
    if (unmapped.length > 0) {
      ctx.out.line('\nStage names with no canonical stage (add them to the connection\'s stage_mapping):');
      ctx.out.table(unmapped.map((u) => ({ connection: u.connection, stage_name: u.stage_name, jobs: u.jobs })));
    }
  }
  return 0;
}
