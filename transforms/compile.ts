import type { SchemaNames } from '../src/engine/engine.ts';
import { qualified } from '../src/engine/identifiers.ts';
import { topologicalOrder } from './dag.ts';
import type { SqlDialect } from './dialects/index.ts';
import { TransformError } from './errors.ts';
import { templateHelpers, type RawSource } from './helpers.ts';
import { INPUT_MODELS } from './inputs/index.ts';
import type { ModelDef, Project, SingularTestDef } from './project.ts';
import { renderTemplate, TemplateError } from './template.ts';
import type { PromotedField } from './promoted-fields.ts';
import { ExtractedRegistry, type ExtractedTable } from './extracted/spec.ts';

export interface CompiledModel extends ModelDef {
  /** Rendered SQL (models); empty for seeds and inputs. */
  readonly sql: string;
  /** `"schema"."name"` in this warehouse. */
  readonly relation: string;
  readonly schemaName: string;
  readonly deps: readonly string[];
  readonly sources: readonly RawSource[];
  /** Extracted tables (materialized typed staging) its SQL reads. */
  readonly extracted: readonly string[];
}

export interface CompiledSingularTest extends SingularTestDef {
  readonly sql: string;
  readonly deps: readonly string[];
}

export interface CompiledProject {
  readonly project: Project;
  /** Every model in dependency order. */
  readonly models: readonly CompiledModel[];
  readonly byName: ReadonlyMap<string, CompiledModel>;
  readonly singularTests: readonly CompiledSingularTest[];
  /** Raw streams any model reads, so the runner can create them empty when missing. */
  readonly sources: readonly RawSource[];
  /** The typed staging tables the models read, with every field any model asks for. */
  readonly extracted: readonly ExtractedTable[];
}

export interface CompileOptions {
  readonly dialect: SqlDialect;
  readonly schemas: SchemaNames;
  readonly includePii: boolean;
  readonly customFields?: readonly PromotedField[];
  /** Read payloads from materialized typed staging (default); false parses raw payloads in the views. */
  readonly extracted?: boolean;
}

/** Renders every model and singular test for one engine, derives dependencies and orders the DAG. */
export function compileProject(project: Project, opts: CompileOptions): CompiledProject {
  const defs: ModelDef[] = [...INPUT_MODELS.map((i) => i.def), ...project.models];
  const names = new Map<string, ModelDef>();
  for (const d of defs) {
    const other = names.get(d.name);
    if (other) throw new TransformError(`${d.file}: model name "${d.name}" is also used by ${other.file}`);
    names.set(d.name, d);
  }
  const relationOf = (d: ModelDef) => qualified(opts.schemas[d.schema], d.name);
  const allSources = new Map<string, RawSource>();
  const registry = opts.extracted === false ? undefined : new ExtractedRegistry();

  const render = (file: string, body: string) => {
    const deps: string[] = [];
    const sources: RawSource[] = [];
    const extracted = new Set<string>();
    const fns = templateHelpers({
      ...(registry ? { extracted: registry, onExtracted: (t: ExtractedTable) => void extracted.add(t.name) } : {}),
      dialect: opts.dialect,
      schemas: opts.schemas,
      vendors: project.vendors,
      hasModel: (name) => names.has(name),
      lineage: project.lineage,
      includePii: opts.includePii,
      customFields: opts.customFields ?? [],
      resolveRef: (name) => {
        const target = names.get(name);
        if (!target) throw new Error(`ref('${name}') names no model`);
        deps.push(name);
        return relationOf(target);
      },
      onSource: (s) => {
        sources.push(s);
        const key = `${s.vendor}__${s.stream}`;
        allSources.set(key, { ...s, versions: Boolean(s.versions || allSources.get(key)?.versions) });
      },
    });
    try {
      return { sql: renderTemplate(body, fns), deps: [...new Set(deps)], sources, extracted: [...extracted] };
    } catch (err) {
      const msg = err instanceof TemplateError || err instanceof Error ? err.message : String(err);
      throw new TransformError(`${file}: ${msg}`, undefined, { cause: err });
    }
  };

  const compiled = defs.map((d): CompiledModel => {
    const base = { ...d, relation: relationOf(d), schemaName: opts.schemas[d.schema] };
    if (d.materialized === 'seed' || d.materialized === 'input') return { ...base, sql: '', deps: [], sources: [], extracted: [] };
    return { ...base, ...render(d.file, d.body) };
  });
  const byName = new Map(compiled.map((m) => [m.name, m]));
  assertVendorModelsUsed(project, compiled);
  const models = topologicalOrder(compiled).map((n) => byName.get(n.name)!);
  const singularTests = project.singularTests.map((t) => ({ ...t, ...render(t.file, t.body) }));
  return { project, models, byName, singularTests, sources: [...allSources.values()], extracted: registry?.tables ?? [] };
}

/**
 * A vendor's int_<vendor>__<entity> model that nothing reads is a misspelt entity (vendor_union
 * skips vendors without the model, so the typo would otherwise just lose the vendor's rows).
 */
function assertVendorModelsUsed(project: Project, compiled: readonly CompiledModel[]): void {
  const used = new Set(compiled.flatMap((m) => m.deps));
  for (const m of project.models) {
    const vendor = project.vendors.find((v) => m.name.startsWith(`int_${v}__`));
    if (vendor && !used.has(m.name)) {
      const entities = [...used].filter((n) => n.startsWith(`int_${vendor}__`)).map((n) => n.slice(`int_${vendor}__`.length)).sort();
      throw new TransformError(`${m.file}: no model reads ${m.name}; a vendor's int_ models are named after a core entity (${vendor} has: ${entities.join(', ')})`);
    }
  }
}
