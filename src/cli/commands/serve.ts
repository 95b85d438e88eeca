import type { HirelakeConfig } from '../../config/load.ts';
import type { Logger } from '../../log/logger.ts';
import type { Output } from '../output.ts';
import type { Redactor } from '../../http/index.ts';
import { basicAuthFromEnv, isLoopback, startDashboard } from '../../report/server.ts';
import { openReportWarehouse } from '../../report/warehouse.ts';
import type { CommandContext } from '../context.ts';
import { dashboardConnections } from './report.ts';

export interface ServeOptions {
  host: string;
  port: number;
}

/** Resolves on the first SIGINT or SIGTERM: a server runs until it is told to stop. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (sig: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(sig);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** Serves the dashboards until `until` resolves; the URL goes to stdout (in JSON with --json). */
export async function serveDashboards(
  env: { config: HirelakeConfig; connections: readonly string[]; log: Logger; out: Output; redactor: Redactor },
  opts: ServeOptions,
  until: Promise<unknown> = untilSignal(),
): Promise<number> {
  const auth = basicAuthFromEnv();
  if (auth) env.redactor.add(auth.password);
  if (!isLoopback(opts.host) && !auth) {
    env.log.warn(`serving on ${opts.host}, beyond this machine, without a password: anyone who reaches it reads the dashboards; set HIRELAKE_SERVE_USER and HIRELAKE_SERVE_PASSWORD`);
  }
  const warehouse = await openReportWarehouse(env.config.warehouse, { connections: env.connections });
  try {
    const running = await startDashboard({ warehouse, connections: env.connections, minCell: env.config.dashboard.min_cell, auth, log: env.log, host: opts.host, port: opts.port });
    if (env.out.json) env.out.data({ command: 'serve', url: running.url, connections: env.connections });
    else env.out.line(`Dashboards: ${running.url}/   (Ctrl-C stops)`);
    env.log.info(`serving ${env.connections.join(', ')} from ${env.config.warehouse.engine === 'duckdb' ? env.config.warehouse.path : 'Postgres'} on ${running.url}${auth ? ' with basic auth' : ''}`);
    await until;
    await running.close();
  } finally {
    await warehouse.close();
  }
  return 0;
}

export function serveCommand(ctx: CommandContext, opts: ServeOptions): Promise<number> {
  return serveDashboards({ config: ctx.config, connections: dashboardConnections(ctx.config, ctx.connections), log: ctx.log, out: ctx.out, redactor: ctx.redactor }, opts);
}
