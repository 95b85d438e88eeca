// What a run does to a connection's raw zone once its streams have landed: purge what the vendor
// erased (and keep purging it), then drop versions past raw.retention_days.
import type { HirelakeConfig } from '../config/load.ts';
import type { Engine } from '../engine/engine.ts';
import type { SourceDefinition } from '../extract/source.ts';
import type { StreamResult } from '../extract/sync-connection.ts';
import type { Logger } from '../log/logger.ts';
import { historyStreams } from '../../transforms/index.ts';
import { applyErasures, type ErasureSummary } from './erasure.ts';
import { applyRetention, type RetentionSummary } from './retention.ts';

export interface PrivacyResult {
  readonly connection: string;
  readonly erasure: ErasureSummary | null;
  readonly retention: RetentionSummary | null;
  /** why the step failed (the landed pages stay; the next run tries again) */
  readonly error: string | null;
}

export interface AfterLandingOptions {
  readonly engine: Engine;
  readonly config: HirelakeConfig;
  readonly source: SourceDefinition<any, any>;
  readonly connection: string;
  readonly runId: string;
  readonly streams: readonly StreamResult[];
  /** per stream read whole in this run: the ids it listed */
  readonly listed: ReadonlyMap<string, ReadonlySet<string>>;
  readonly log: Logger;
}

export async function afterLanding(o: AfterLandingOptions): Promise<PrivacyResult> {
  // The pages have landed: detection reads whole streams' latest versions, a query and no landing.
  return o.engine.withQueryMemory(() => afterLandingStep(o));
}

async function afterLandingStep(o: AfterLandingOptions): Promise<PrivacyResult> {
  try {
    const succeeded = new Set(o.streams.filter((s) => s.status === 'succeeded' && s.complete).map((s) => s.stream));
    const completeReads = new Map([...o.listed].filter(([stream]) => succeeded.has(stream)));
    const erasure = o.source.personalData
      ? await applyErasures({ engine: o.engine, source: o.source.name, map: o.source.personalData, connection: o.connection, runId: o.runId, completeReads, log: o.log })
      : null;
    const days = o.config.raw?.retention_days ?? null;
    const retention = days === null
      ? null
      : await applyRetention({
          engine: o.engine, source: o.source.name, streams: o.source.streams.map((s) => s.name), connection: o.connection, days,
          // Versions are aged by when they landed (the wall clock), not by the run's window.
          keep: historyStreams(o.engine, o.config), log: o.log,
        });
    return { connection: o.connection, erasure, retention, error: null };
  } catch (err) {
    const error = `${o.connection}: erasure or retention failed: ${(err as Error).message}`;
    o.log.error(error);
    return { connection: o.connection, erasure: null, retention: null, error };
  }
}
