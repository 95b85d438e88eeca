import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import type { Manifest, ManifestTable } from '../../loaders/files/manifest.ts';

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

export function manifestTable(m: Manifest, name: string): ManifestTable {
  const t = m.tables.find((x) => x.name === name);
  if (!t) throw new Error(`manifest has no table ${name}`);
  return t;
}

/** DuckDB's reader of one exported table folder (partition values come from the folder names). */
export function parquetRelation(dir: string, t: ManifestTable): string {
  const hive = t.partition_by.length ? `, hive_partitioning = true, hive_types = {${t.partition_by.map((p) => `'${p}': VARCHAR`).join(', ')}}` : ', hive_partitioning = false';
  return `read_parquet('${join(dir, t.path)}/**/*.parquet'${hive})`;
}

const dayString = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

/**
 * Every row of a table as hyparquet (a JS Parquet reader) sees it, in the canonical form of
 * compare.ts: timestamps as epoch microseconds, dates as text, JSON parsed, NaN as 'NaN'.
 */
export async function hyparquetRows(dir: string, t: ManifestTable): Promise<unknown[]> {
  const rows: unknown[][] = [];
  const types = new Map(t.columns.map((c) => [c.name, c.type]));
  for (const f of t.files) {
    const file = await asyncBufferFromFile(join(dir, f));
    const objects = await parquetReadObjects({
      file,
      parsers: {
        timestampFromMicroseconds: (us: bigint) => String(us),
        timestampFromMilliseconds: (ms: bigint) => String(BigInt(ms) * 1000n),
        dateFromDays: (d: number) => dayString(d),
      },
    } as Parameters<typeof parquetReadObjects>[0]);
    const partition = Object.fromEntries(
      t.partition_by.map((p) => {
        const m = new RegExp(`(?:^|/)${p}=([^/]+)/`).exec(f);
        const v = m ? decodeURIComponent(m[1]!) : null;
        return [p, v === '__HIVE_DEFAULT_PARTITION__' ? null : v];
      }),
    );
    for (const o of objects) {
      const full = { ...o, ...partition } as Record<string, unknown>;
      rows.push(
        t.columns.map((c) => {
          const v = full[c.name];
          if (v === null || v === undefined) return null;
          if (typeof v === 'bigint') return Number(v);
          if (typeof v === 'number' && Number.isNaN(v)) return 'NaN';
          if (types.get(c.name) === 'JSON' && typeof v === 'string') return JSON.parse(v);
          return v;
        }),
      );
    }
  }
  return rows.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
