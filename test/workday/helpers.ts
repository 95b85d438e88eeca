import { join } from 'node:path';
import { resolveConfig, type HirelakeConfig } from '../../src/config/load.ts';
import type { Engine } from '../../src/engine/engine.ts';
import { sources } from '../../extractors/index.ts';
import type { WorkdayEmulator } from '../../emulators/workday/index.ts';

/** The raw config entry of one Workday connection against an emulator. */
export function workdayConnection(emu: WorkdayEmulator, extra: Record<string, unknown> = {}, withReport = false): Record<string, unknown> {
  return {
    name: 'gamma',
    source: 'workday',
    host: 'wd2-impl-services1.workday.com',
    tenant: emu.tenant,
    credentials: { username: emu.credentials.username, password: emu.credentials.password },
    base_url: emu.url,
    ...(withReport && emu.report ? { stage_history_report: { owner: emu.report.owner, name: emu.report.name, columns: emu.report.columns } } : {}),
    ...extra,
  };
}

export function workdayConfig(emu: WorkdayEmulator, dbPath: string, extra: Record<string, unknown> = {}, withReport = false): HirelakeConfig {
  return resolveConfig(
    { warehouse: { engine: 'duckdb', path: dbPath }, connections: [workdayConnection(emu, extra, withReport)] },
    join(dbPath, '..', 'hirelake.yml'),
    sources,
  );
}

export const WORKDAY_STREAMS = ['requisitions', 'job_applications', 'postings', 'stage_history'] as const;

/** The latest version of every Workday record, payload minus the observation stamp: what staging sees. */
export async function workdayLatest(engine: Engine): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const s of WORKDAY_STREAMS) {
    const rows = await engine.query<{ id: string; p: string }>(
      `select _record_id as id, cast(_payload as varchar) as p from raw.workday__${s}__latest where not _deleted order by _record_id`,
    );
    out[s] = rows.map((r) => {
      const { As_Of_Entry_DateTime: _asOf, ...rest } = JSON.parse(r.p) as Record<string, unknown>;
      return `${r.id}:${JSON.stringify(rest)}`;
    });
  }
  return out;
}
