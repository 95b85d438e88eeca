// `hirelake serve`: the report's pages with interactive filters, over HTTP. Hono routes and answers;
// @hono/node-server binds it to Node's http server. Read-only: every request reads the warehouse
// through a ReportWarehouse (a DuckDB snapshot or a read-only Postgres transaction).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { HTTPException } from 'hono/http-exception';
import { ConfigError, HirelakeError, UsageError } from '../core/errors.ts';
import type { Logger } from '../log/logger.ts';
import { SmallCells } from './cells.ts';
import { pageHtml, PAGES, type PageId } from './html.ts';
import { loadOptions, pickConnection, resolveFilters } from './options.ts';
import { availablePages, PAGE_BUILDERS } from './pages/index.ts';
import { footerHtml, loadFooter } from './pages/footer.ts';
import { CONTENT_SECURITY_POLICY, documentHtml, errorHtml, serveHeaderHtml } from './site.ts';
import type { ReportWarehouse } from './warehouse.ts';

export interface BasicAuth {
  readonly username: string;
  readonly password: string;
}

export interface DashboardOptions {
  readonly warehouse: ReportWarehouse;
  /** The configured connections: the only ones served. */
  readonly connections: readonly string[];
  readonly minCell: number;
  readonly auth?: BasicAuth | undefined;
  readonly log: Logger;
  readonly now?: () => Date;
}

/** Basic-auth credentials from HIRELAKE_SERVE_USER / HIRELAKE_SERVE_PASSWORD: both or neither. */
export function basicAuthFromEnv(env: NodeJS.ProcessEnv = process.env): BasicAuth | undefined {
  const username = env['HIRELAKE_SERVE_USER'];
  const password = env['HIRELAKE_SERVE_PASSWORD'];
  if (!username && !password) return undefined;
  if (!username || !password) throw new ConfigError('HIRELAKE_SERVE_USER and HIRELAKE_SERVE_PASSWORD: set both for basic auth, or neither');
  return { username, password };
}

const PAGE_IDS = new Set<string>(PAGES.map((p) => p.id));

export function dashboardApp(opts: DashboardOptions): Hono {
  const app = new Hono();
  const cells = new SmallCells(opts.minCell);
  const now = opts.now ?? (() => new Date());

  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-store');
  });
  if (opts.auth) app.use('*', basicAuth({ username: opts.auth.username, password: opts.auth.password, realm: 'hirelake' }));

  app.get('/', (c) => {
    const q = new URL(c.req.url).search;
    return c.redirect(`/funnel${q}`, 302);
  });

  app.get('/:page', async (c) => {
    const page = c.req.param('page');
    if (!PAGE_IDS.has(page)) return c.html(errorHtml('Not found', `there is no page ${page}`, `Pages: ${PAGES.map((p) => p.id).join(', ')}`), 404);
    const q = c.req.query();
    const started = performance.now();
    const connection = pickConnection(q['connection'], opts.connections);
    const html = await opts.warehouse.read(async (db) => {
      const options = await loadOptions(db, connection);
      const filters = resolveFilters(q, connection, options, now());
      const model = await PAGE_BUILDERS[page as PageId]({ db, filters, cells });
      const footer = await loadFooter(db, connection);
      const pages = await availablePages(db, connection);
      const body = `${serveHeaderHtml({ page: page as PageId, pages, filters, options, connections: opts.connections })}
<main>${pageHtml(model)}</main>
${footerHtml(footer, { now: now(), minCell: opts.minCell, snapshotAt: opts.warehouse.snapshotAt })}`;
      return documentHtml(`${model.title} · ${filters.connection} · ${filters.period.label}`, body);
    });
    opts.log.debug(`GET /${page} (${connection}) in ${Math.round(performance.now() - started)} ms`);
    return c.html(html);
  });

  app.notFound((c) => c.html(errorHtml('Not found', `there is no page ${new URL(c.req.url).pathname}`), 404));

  app.onError((err, c: Context) => {
    if (err instanceof HTTPException) return err.getResponse(); // basic auth's 401 with its challenge
    if (err instanceof UsageError || err instanceof ConfigError) return c.html(errorHtml('Bad request', err.message, err.hint), 400);
    if (err instanceof HirelakeError && err.kind === 'engine') {
      c.header('Retry-After', '5');
      return c.html(errorHtml('Warehouse not readable', err.message, err.hint), 503);
    }
    opts.log.error(`serve: ${c.req.method} ${new URL(c.req.url).pathname} failed: ${err instanceof Error ? err.message : String(err)}`);
    return c.html(errorHtml('Internal error', 'the page could not be built; the server log says why'), 500);
  });
  return app;
}

export interface RunningDashboard {
  readonly url: string;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Binds the app to host:port (port 0 picks a free one) and resolves once it listens. */
export async function startDashboard(opts: DashboardOptions & { host: string; port: number }): Promise<RunningDashboard> {
  const app = dashboardApp(opts);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new UsageError(`--port ${opts.port}: ${opts.host}:${opts.port} is already in use`, 'pick another --port') : err);
    server.once('error', onError);
    server.listen(opts.port, opts.host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    url: `http://${host}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
