import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const MANIFEST_FILE = 'manifest.json';
const GENERATOR = 'hirelake';

export interface ManifestColumn {
  readonly name: string;
  /** DuckDB type name, as written into the files. */
  readonly type: string;
  readonly description: string | null;
}

export interface ManifestTable {
  /** `core.applications` */
  readonly model: string;
  readonly name: string;
  /** Folder (Parquet) or file (CSV), relative to the export folder. */
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
  /** Hive partition columns (their values are in the folder names, not in the files). */
  readonly partition_by: readonly string[];
  readonly files: readonly string[];
  readonly description: string | null;
  readonly columns: readonly ManifestColumn[];
}

/** A small JSON file next to the data that tools read to find tables, shapes and freshness. */
export interface Manifest {
  readonly generator: typeof GENERATOR;
  readonly manifest_version: 1;
  readonly format: 'parquet' | 'csv';
  readonly export: string;
  readonly run_id: string;
  readonly exported_at: string;
  readonly engine: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly tables: readonly ManifestTable[];
}

export function isHirelakeManifest(v: unknown): boolean {
  return typeof v === 'object' && v !== null && (v as { generator?: unknown }).generator === GENERATOR;
}

export function newManifest(fields: Omit<Manifest, 'generator' | 'manifest_version'>): Manifest {
  return { generator: GENERATOR, manifest_version: 1, ...fields };
}

/** Written last, so a folder with a manifest is a complete export. */
export async function writeManifest(dir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(dir, MANIFEST_FILE), JSON.stringify(manifest, null, 2) + '\n');
}
