import type { HirelakeConfig, SourceRegistry } from '../config/load.ts';
import type { Engine } from '../engine/engine.ts';
import { GroupCommitter } from '../landing/group-commit.ts';
import type { Redactor } from '../http/index.ts';
import type { Logger } from '../log/logger.ts';
import { ensureMetaSchema } from '../state/meta-ddl.ts';
import { RunLog, type StreamCounters } from '../state/run-log.ts';
import { StateStore } from '../state/state-store.ts';
import { syncConnection, type StreamResult } from './sync-connection.ts';
import { afterLanding, type PrivacyResult } from '../privacy/after-landing.ts';

export interface ExtractOptions {
  readonly config: HirelakeConfig;
  readonly sources: SourceRegistry;
  readonly engine: Engine;
  readonly runId: string;
  readonly connection?: string;
  readonly fullRefresh?: boolean;
  readonly wait?: boolean;
  readonly log: Logger;
  readonly redactor: Redactor;
  readonly signal?: AbortSignal;
  /** Where this run's windows end (default: the wall clock). Tests pass a simulated world's clock. */
  readonly now?: Date;
  readonly onProgress?: (connection: string, stream: string, c: StreamCounters) => void;
}

export interface ExtractSummary {
  readonly runId: string;
  readonly ok: boolean;
  readonly seconds: number;
  readonly streams: StreamResult[];
  /** per connection: what erasure and retention did to the raw zone after landing */
  readonly privacy: PrivacyResult[];
}

/** Extracts every selected connection; connections run side by side, each under its own lock. */
export async function runExtract(opts: ExtractOptions): Promise<ExtractSummary> {
  const started = performance.now();
  const { engine, config } = opts;
  await ensureMetaSchema(engine);
  const state = new StateStore(engine.schemas.meta);
  const runLog = new RunLog(engine.schemas.meta);
  const committer = new GroupCommitter(engine);
  const now = opts.now ?? new Date();
  const connections = config.connections.filter((c) => !opts.connection || c.name === opts.connection);
  const perConnection = await Promise.all(
    connections.map((connection) =>
      engine.withLock(`connection:${connection.name}`, { wait: opts.wait ?? false }, async () => {
        const streams = await syncConnection({
          engine,
          state,
          runLog,
          committer,
          source: opts.sources[connection.source]!,
          connection,
          runId: opts.runId,
          fullRefresh: opts.fullRefresh ?? false,
          now,
          log: opts.log,
          redactor: opts.redactor,
          signal: opts.signal ?? new AbortController().signal,
          ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
        });
        // Still under the connection's lock: nothing lands for it while its raw zone is rewritten.
        const privacy = await afterLanding({ engine, config, source: opts.sources[connection.source]!, connection: connection.name, runId: opts.runId, streams, log: opts.log });
        return { streams, privacy };
      }),
    ),
  );
  const streams = perConnection.flatMap((c) => c.streams);
  const privacy = perConnection.map((c) => c.privacy);
  const ok = streams.every((s) => s.status === 'succeeded') && privacy.every((p) => p.error === null);
  return { runId: opts.runId, ok, seconds: (performance.now() - started) / 1000, streams, privacy };
}
