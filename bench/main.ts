// npm run bench: prints figures, never asserts. Sections run one after another so they don't
// compete for the two cores; BENCH_ONLY=extract,transform,... picks some of them. Each section's
// figures go to bench/results.json as soon as it ends, and the README's performance block is
// rendered from that file (bench/readme.ts); BENCH_README=0 leaves the README alone.
import { formatTable } from '../src/cli/output.ts';
import { benchExtractRateLimited, benchExtractUnthrottled } from './extract.ts';
import { benchEngines } from './engines.ts';
import { benchTransform } from './transform.ts';
import { benchExport } from './export.ts';
import { benchVendors } from './vendors.ts';
import { benchFleet } from './fleet.ts';
import { benchReport } from './report.ts';
import { benchHostile } from './hostile.ts';
import { benchMillion } from './million.ts';
import { goals } from './goals.ts';
import { goalsTable, updateReadme } from './readme.ts';
import { readResults, recordSection, sectionResult } from './results.ts';

type Section = { name: string; title: string; run: () => Promise<Record<string, unknown> | Record<string, unknown>[]> };

const SECTIONS: Section[] = [
  { name: 'extract', title: 'Extraction, Greenhouse emulator → DuckDB, unthrottled (hirelake CLI in its own process)', run: () => benchExtractUnthrottled() },
  { name: 'ratelimit', title: "Extraction at Greenhouse's real rate limit (50 requests per 30 s window)", run: () => benchExtractRateLimited() },
  { name: 'vendors', title: 'Records/s per vendor against its emulator', run: () => benchVendors() },
  { name: 'engines', title: 'DuckDB and Postgres side by side: landing rate and transform time, same world', run: () => benchEngines() },
  { name: 'transform', title: 'Transform cost against one scan of the raw zone (DuckDB, ≥100k applications)', run: () => benchTransform() },
  { name: 'fleet', title: 'Worker fleet: rate-limited Greenhouse keys (200 by default) extracted by worker processes (4) from the Postgres queue', run: () => benchFleet() },
  { name: 'export', title: 'Export loaders (rows/s, MB/s) with Postgres COPY as the ceiling', run: () => benchExport() },
  { name: 'report', title: 'Dashboards on a 100k-application account (DuckDB): report render and size, snapshot hold, serve page loads', run: () => benchReport() },
  { name: 'million', title: 'A 1M-application account end to end on DuckDB and Postgres (opt-in: BENCH_1M=1)', run: () => benchMillion() },
  { name: 'hostile', title: 'A hostile API through the hostile proxy: what each misbehaviour costs a run (CLI in its own process)', run: () => benchHostile() },
];

function show(value: unknown): string {
  if (Array.isArray(value)) return formatTable(value.map(flat));
  return formatTable(Object.entries(value as Record<string, unknown>).map(([metric, v]) => ({ metric, value: typeof v === 'object' && v !== null ? JSON.stringify(v) : v })));
}

function flat(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'object' && v !== null ? JSON.stringify(v) : v]));
}

if (process.argv.includes('--readme')) {
  // npm run bench:readme: the README from the recorded figures, nothing measured.
  updateReadme(SECTIONS.map((s) => s.name));
  process.exit(0);
}

const only = process.env['BENCH_ONLY']?.split(',').map((s) => s.trim());
let failed = false;
for (const section of SECTIONS) {
  if (only && !only.includes(section.name)) continue;
  // Half an hour of the machine: only when asked for.
  if (section.name === 'million' && !process.env['BENCH_1M']) continue;
  process.stdout.write(`\n## ${section.title}\n`);
  try {
    const result = await section.run();
    process.stdout.write(show(result));
    recordSection(section.name, sectionResult(section.title, result));
  } catch (err) {
    failed = true;
    process.stdout.write(`failed: ${(err as Error).message}\n`);
  }
}
process.stdout.write(`\n## Goals (issue 16), from bench/results.json\n${goalsTable(goals(readResults()))}\n`);
if (process.env['BENCH_README'] !== '0') updateReadme(SECTIONS.map((s) => s.name));
process.exit(failed ? 1 : 0);
