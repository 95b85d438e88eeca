import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { HirelakeConfig } from '../../config/load.ts';
import { buildReport } from '../../report/report.ts';
import { openReportWarehouse } from '../../report/warehouse.ts';
import type { CommandContext } from '../context.ts';

export interface ReportOptions {
  out: string;
  period?: string | undefined;
}

/** The connections a dashboard shows: --connection, else every configured one (each on its own). */
export function dashboardConnections(config: HirelakeConfig, only?: readonly string[]): string[] {
  return only ? [...only] : config.connections.map((c) => c.name);
}

/**
 * Writes the report file. The warehouse is read first (on DuckDB: copied into memory, the file held
 * read-only only for that), then the pages are built and the file written beside its final name
 * and renamed, so a shared folder never shows half a report.
 */
export async function writeReport(config: HirelakeConfig, opts: ReportOptions & { connections: readonly string[]; wait?: boolean }): Promise<{ file: string; bytes: number; period: string }> {
  const file = resolve(opts.out);
  const warehouse = await openReportWarehouse(config.warehouse, { connections: opts.connections, lockWaitMs: opts.wait ? 3_600_000 : 60_000 });
  let html: string;
  let period: string;
  try {
    const built = await buildReport({ warehouse, connections: opts.connections, minCell: config.dashboard.min_cell, ...(opts.period ? { period: opts.period } : {}) });
    html = built.html;
    period = built.reports[0]?.filters.period.key ?? '';
  } finally {
    await warehouse.close();
  }
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, html);
  renameSync(tmp, file);
  return { file, bytes: Buffer.byteLength(html), period };
}

export async function reportCommand(ctx: CommandContext, opts: ReportOptions): Promise<number> {
  const started = performance.now();
  const res = await writeReport(ctx.config, { ...opts, connections: dashboardConnections(ctx.config, ctx.connections), wait: ctx.opts.wait ?? false });
  const seconds = Number(((performance.now() - started) / 1000).toFixed(2));
  if (ctx.out.json) ctx.out.data({ command: 'report', ...res, seconds });
  else {
    ctx.log.info(`report for ${res.period}: ${(res.bytes / 1024).toFixed(0)} KiB in ${seconds} s`);
    ctx.out.line(res.file);
  }
  return 0;
}
