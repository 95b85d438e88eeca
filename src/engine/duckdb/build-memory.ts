/**
 * DuckDB's buffer cap while models build. `memory_limit` is sized for landing, where the process
 * also holds the pages being landed, so a small one (64MB keeps a million-record first sync under
 * 512 MB RSS) leaves a build too little: DuckDB's joins, aggregates and windows need about 128MB a
 * thread before they can spill to disk at all, and fail below it. A build holds no pages, so it
 * gets at least BUILD_MEMORY_FLOOR unless `transform_memory_limit` says otherwise.
 */
export const BUILD_MEMORY_FLOOR = '256MB';

const UNITS: Record<string, number> = { kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };

/** Bytes in a size such as `512MB` (DuckDB reads MB as 1000², MiB as 1024²). */
export function sizeBytes(size: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([KMG]i?B)$/i.exec(size.trim());
  if (!m) throw new Error(`bad memory size "${size}"`);
  return Number(m[1]) * UNITS[m[2]!.toLowerCase()]!;
}

export function buildMemoryLimit(memoryLimit: string, transformMemoryLimit?: string): string {
  if (transformMemoryLimit) return transformMemoryLimit;
  return sizeBytes(memoryLimit) >= sizeBytes(BUILD_MEMORY_FLOOR) ? memoryLimit : BUILD_MEMORY_FLOOR;
}
