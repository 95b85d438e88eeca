import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { isIdentifier } from '../src/engine/identifiers.ts';
import { TransformError } from './errors.ts';
import { helperCalls } from './template.ts';
import { LINEAGE_FILE, loadLineage, type StreamLineage } from './lineage/lineage.ts';

/** Where a model lives and how it is materialised follows from its folder (dbt's per-folder config). */
export type Layer = 'seed' | 'input' | 'staging' | 'core' | 'intermediate' | 'marts';
export type Materialization = 'view' | 'table' | 'seed' | 'input';
export type SchemaRole = 'staging' | 'core' | 'marts';

export const LAYER_ORDER: readonly Layer[] = ['seed', 'input', 'staging', 'core', 'intermediate', 'marts'];

export interface ModelDef {
  readonly name: string;
  readonly layer: Layer;
  /** Path shown in messages, relative to the project's parent (e.g. `sql/core/applications.sql`). */
  readonly file: string;
  readonly schema: SchemaRole;
  readonly materialized: Materialization;
  /** SQL template (models), CSV text (seeds), empty for inputs. */
  readonly body: string;
  /** The vendor whose staging folder holds it; none outside sql/staging. */
  readonly vendor?: string;
}

export interface SingularTestDef {
  readonly name: string;
  readonly file: string;
  readonly severity: 'error' | 'warn';
  readonly body: string;
}

export interface TestFileDef {
  readonly file: string;
  /** The vendor whose staging folder holds it; none outside sql/staging. */
  readonly vendor?: string;
  /** Parsed YAML: model name → declarations (see data-tests/declare.ts). */
  readonly spec: Record<string, unknown>;
}

export interface Project {
  readonly root: string;
  /** Vendors unioned into core by vendor_union(), in order: the folders of sql/staging. */
  readonly vendors: readonly string[];
  readonly models: readonly ModelDef[];
  readonly singularTests: readonly SingularTestDef[];
  readonly testFiles: readonly TestFileDef[];
  /** Where each vendor stream's records land in core (sql/staging/<vendor>/_lineage.yml). */
  readonly lineage: readonly StreamLineage[];
}

/** The sql/ folder shipped with hirelake. */
export const DEFAULT_SQL_DIR = fileURLToPath(new URL('../sql/', import.meta.url));

const MATERIALIZED: Record<Exclude<Layer, 'seed' | 'input'>, { schema: SchemaRole; materialized: Materialization }> = {
  staging: { schema: 'staging', materialized: 'view' },
  core: { schema: 'core', materialized: 'table' },
  // Shared building blocks of the marts (int_<entity>s_<verb>s), out of the public schemas.
  intermediate: { schema: 'staging', materialized: 'view' },
  marts: { schema: 'marts', materialized: 'table' },
};

function listFiles(dir: string, ext: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext) && statSync(join(dir, f)).isFile())
    .sort()
    .map((f) => join(dir, f));
}

/** `-- key: value` lines at the top of a file override folder defaults (materialized, severity). */
function headerOptions(body: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of body.split('\n')) {
    const m = /^--\s*([a-z_]+)\s*:\s*(\S+)\s*$/.exec(line.trim());
    if (m) out[m[1]!] = m[2]!;
    else if (!line.trim().startsWith('--') && line.trim() !== '') break;
  }
  return out;
}

function modelName(file: string, shown: string): string {
  const name = basename(file).replace(/\.(sql|csv)$/, '');
  if (!isIdentifier(name)) throw new TransformError(`${shown}: model name "${name}" must be a lowercase SQL identifier`);
  return name;
}

/** Reads sql/: models by layer folder, seeds, singular tests and test declarations. Nothing runs yet. */
export function loadProject(root = DEFAULT_SQL_DIR): Project {
  if (!existsSync(root)) throw new TransformError(`${root}: SQL project folder not found`);
  const shown = (f: string) => relative(join(root, '..'), f);
  const models: ModelDef[] = [];
  const testFiles: TestFileDef[] = [];
  const addTests = (dir: string, vendor?: string) => {
    for (const f of listFiles(dir, '.yml')) {
      if (basename(f) === LINEAGE_FILE) continue;
      const spec = parseYaml(readFileSync(f, 'utf8')) as unknown;
      if (spec === null || spec === undefined) continue;
      if (typeof spec !== 'object' || Array.isArray(spec)) throw new TransformError(`${shown(f)}: expected a mapping of model name → tests`);
      testFiles.push({ file: shown(f), spec: spec as Record<string, unknown>, ...(vendor ? { vendor } : {}) });
    }
  };

  for (const f of listFiles(join(root, 'seeds'), '.csv')) {
    models.push({ name: modelName(f, shown(f)), layer: 'seed', file: shown(f), schema: 'staging', materialized: 'seed', body: readFileSync(f, 'utf8') });
  }
  const stagingDir = join(root, 'staging');
  const vendorDirs = existsSync(stagingDir) ? readdirSync(stagingDir).filter((d) => statSync(join(stagingDir, d)).isDirectory()).sort() : [];
  const layerDirs: [Exclude<Layer, 'seed' | 'input'>, string, string?][] = [
    ...vendorDirs.map((d) => ['staging', join(stagingDir, d), d] as [Exclude<Layer, 'seed' | 'input'>, string, string]),
    ['core', join(root, 'core')],
    ['intermediate', join(root, 'intermediate')],
    ['marts', join(root, 'marts')],
  ];
  const lineage = vendorDirs.flatMap((d) => loadLineage(d, join(stagingDir, d), shown));
  for (const [layer, dir, vendor] of layerDirs) {
    for (const f of listFiles(dir, '.sql')) {
      const body = readFileSync(f, 'utf8');
      const opts = headerOptions(body);
      const materialized = opts['materialized'] ?? MATERIALIZED[layer].materialized;
      if (materialized !== 'view' && materialized !== 'table') throw new TransformError(`${shown(f)}: materialized must be view or table, not "${materialized}"`);
      models.push({ name: modelName(f, shown(f)), layer, file: shown(f), schema: MATERIALIZED[layer].schema, materialized, body, ...(vendor ? { vendor } : {}) });
    }
    addTests(dir, vendor);
  }

  const singularTests: SingularTestDef[] = listFiles(join(root, 'tests'), '.sql').map((f) => {
    const body = readFileSync(f, 'utf8');
    const severity = headerOptions(body)['severity'] ?? 'error';
    if (severity !== 'error' && severity !== 'warn') throw new TransformError(`${shown(f)}: severity must be error or warn, not "${severity}"`);
    return { name: modelName(f, shown(f)), file: shown(f), severity, body };
  });
  addTests(join(root, 'tests'));

  // Every folder of sql/staging is a vendor: nothing else to register (extractors/index.ts is the
  // one vendor registry, and a test checks both agree).
  const vendors = vendorDirs;
  for (const v of vendors) if (!isIdentifier(v)) throw new TransformError(`sql/staging/${v}: a vendor folder must be a lowercase name`);

  const seen = new Map<string, string>();
  for (const m of models) {
    const other = seen.get(m.name);
    if (other) throw new TransformError(`${m.file}: model name "${m.name}" is also used by ${other}; model names must be unique`);
    seen.set(m.name, m.file);
  }
  return { root, vendors, models, singularTests, testFiles, lineage };
}

/**
 * The project as an account that uses only `vendors` sees it: the other vendors' staging models,
 * tests and lineage left out. vendor_union() unions the vendors whose models remain; for an entity
 * none of `vendors` supplies, the first vendor that does keeps that model and what it reads (over
 * empty raw tables), so the union still has its columns and types, and no rows.
 */
export function forVendors(project: Project, vendors: readonly string[]): Project {
  const inPlay = new Set(vendors);
  const mine = (x: { vendor?: string }) => x.vendor === undefined || inPlay.has(x.vendor);
  const byName = new Map(project.models.map((m) => [m.name, m]));
  const kept = new Set(project.models.filter(mine).map((m) => m.name));
  const calls = (m: ModelDef, helper: string): string[] => {
    if (m.materialized === 'seed' || m.materialized === 'input') return [];
    try {
      return helperCalls(m.body).filter((c) => c.name === helper).map((c) => c.args[0] ?? '');
    } catch (err) {
      throw new TransformError(`${m.file}: ${(err as Error).message}`, undefined, { cause: err });
    }
  };
  const keepWithInputs = (name: string): void => {
    const m = byName.get(name);
    if (!m || kept.has(name)) return;
    kept.add(name);
    for (const ref of calls(m, 'ref')) keepWithInputs(ref);
  };
  const unioned = new Set(project.models.flatMap((m) => calls(m, 'vendor_union')));
  for (const entity of unioned) {
    const suppliers = project.vendors.map((v) => `int_${v}__${entity}`).filter((n) => byName.has(n));
    if (suppliers.length > 0 && !suppliers.some((n) => kept.has(n))) keepWithInputs(suppliers[0]!);
  }
  return {
    ...project,
    models: project.models.filter((m) => kept.has(m.name)),
    testFiles: project.testFiles.filter(mine),
    lineage: project.lineage.filter(mine),
  };
}
