import PQueue from 'p-queue';
import type { HirelakeConfig, SourceRegistry } from '../config/load.ts';
import type { ConnectionBase } from '../config/schema.ts';
import type { Engine } from '../engine/engine.ts';
import { GroupCommitter } from '../landing/group-commit.ts';
import type { Redactor } from '../http/index.ts';
import type { Logger } from '../log/logger.ts';
import { ensureMetaSchema } from '../state/meta-ddl.ts';
import { RunLog } from '../state/run-log.ts';
import type { ExtractObserver } from './observer.ts';
import { StateStore } from '../state/state-store.ts';
import { groupByCredential } from './credential-key.ts';
import { syncConnection, type StreamResult } from './sync-connection.ts';
import type { RunServices } from './sync-stream.ts';
import { afterLanding, type PrivacyResult } from '../privacy/after-landing.ts';

export interface ExtractOptions {
  readonly config: HirelakeConfig;
  readonly sources: SourceRegistry;
  readonly engine: Engine;
  readonly runId: string;
  /** Only these connections (default: every one in the config). */
  readonly connections?: readonly string[];
  /** Connections extracted at once (default: the config's `concurrency`). */
  readonly concurrency?: number;
  readonly fullRefresh?: boolean;
  readonly wait?: boolean;
  readonly log: Logger;
  readonly redactor: Redactor;
  readonly signal?: AbortSignal;
  /** Where this run's windows end (default: the wall clock). Tests pass a simulated world's clock. */
  readonly now?: Date;
  readonly observer?: ExtractObserver;
}

export interface ExtractSummary {
  readonly runId: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly streams: StreamResult[];
  /** per connection: what erasure and retention did to the raw zone after landing */
  readonly privacy: PrivacyResult[];
}

/**
 * Extracts every selected connection: at most `concurrency` at once (each holds Postgres sessions
 * and an HTTP pool), connections that share a vendor credential one after another, each under its
 * own lock.
 */
export async function runExtract(opts: ExtractOptions): Promise<ExtractSummary> {
  const started = performance.now();
  const { engine, config } = opts;
  await ensureMetaSchema(engine);
  const services = {
    state: new StateStore(engine.schemas.meta),
    runLog: new RunLog(engine.schemas.meta),
    committer: new GroupCommitter(engine),
    now: opts.now ?? new Date(),
  };
  const wanted = opts.connections ? new Set(opts.connections) : null;
  const connections = config.connections.filter((c) => !wanted || wanted.has(c.name));
  const queue = new PQueue({ concurrency: opts.concurrency ?? config.concurrency });
  const results: ConnectionResult[] = [];
  await Promise.all(
    groupByCredential(connections).map((group) =>
      queue.add(async () => {
        for (const connection of group) results.push(await extractConnection(opts, services, connection));
      }),
    ),
  );
  // Report in config order, whatever order the connections finished in.
  const order = new Map(config.connections.map((c, i) => [c.name, i]));
  results.sort((a, b) => order.get(a.privacy.connection)! - order.get(b.privacy.connection)!);
  const streams = results.flatMap((r) => r.streams);
  const privacy = results.map((r) => r.privacy);
  const ok = streams.every((s) => s.status === 'succeeded') && privacy.every((p) => p.error === null);
  return { runId: opts.runId, ok, seconds: (performance.now() - started) / 1000, streams, privacy };
}

interface ConnectionResult {
  readonly streams: StreamResult[];
  readonly privacy: PrivacyResult;
}

/** One connection under its lock; if the lock is lost midway its streams stop at their last checkpoint. */
function extractConnection(
  opts: ExtractOptions,
  services: Pick<RunServices, 'state' | 'runLog' | 'committer' | 'now'>,
  connection: ConnectionBase,
): Promise<ConnectionResult> {
  const { engine } = opts;
  const log = opts.log.child({ run_id: opts.runId, connection: connection.name });
  const onWait = () => log.info(`${connection.name}: waiting for another run of this connection to finish`);
  const source = opts.sources[connection.source]!;
  // Streams whose complete reads detect erasures by absence: their listed ids are kept for that.
  const absence = new Set((source.personalData?.erasures ?? []).filter((e) => e.kind === 'absent').map((e) => e.stream));
  const listed = { streams: absence, ids: new Map<string, ReadonlySet<string>>() };
  return engine.withLock(`connection:${connection.name}`, { wait: opts.wait ?? false, onWait }, async (lost) => {
    const streams = await syncConnection({
      listed,
      engine,
      ...services,
      source: opts.sources[connection.source]!,
      connection,
      runId: opts.runId,
      fullRefresh: opts.fullRefresh ?? false,
      log,
      redactor: opts.redactor,
      signal: opts.signal ? AbortSignal.any([opts.signal, lost]) : lost,
      ...(opts.observer ? { observer: opts.observer } : {}),
    });
    // Still under the connection's lock: nothing lands for it while its raw zone is rewritten.
    const privacy = await afterLanding({ engine, config: opts.config, source, connection: connection.name, runId: opts.runId, streams, listed: listed.ids, log });
    return { streams, privacy };
  });
}
