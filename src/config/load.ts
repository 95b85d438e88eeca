import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import type { SourceDefinition } from '../extract/source.ts';
import { formatPath, interpolate, protectEnvReferences } from './interpolate.ts';
import type { PromotedField } from './custom-fields.ts';
import { suggest } from './suggest.ts';
import { configFileSchema, type ConnectionBase, type DashboardConfig, type PrivacyConfig, type RawConfig, type WarehouseConfig, type WorkerConfig } from './schema.ts';

export interface HirelakeConfig {
  /** Absolute path of the file it came from (or a label for built-in configs). */
  readonly file: string;
  readonly warehouse: WarehouseConfig;
  /** Connections extracted at once. */
  readonly concurrency: number;
  readonly connections: readonly ConnectionBase[];
  readonly models: { include_pii: boolean };
  readonly exports: readonly Record<string, unknown>[];
  readonly worker: WorkerConfig;
  /** `hirelake report` and `serve` settings. */
  readonly dashboard: DashboardConfig;
  /** Custom fields promoted to typed columns (src/config/custom-fields.ts). */
  readonly custom_fields: readonly PromotedField[];
  /** Small-cell suppression of the demographic marts. */
  readonly privacy: PrivacyConfig;
  /** The raw zone's retention. */
  readonly raw: RawConfig;
  /** Every secret value in the config, for the redactor. */
  readonly secrets: readonly string[];
}

export type SourceRegistry = Readonly<Record<string, SourceDefinition<any, any>>>;

/** zod's wording for an absent key reads like a type error; say plainly that the key is missing. */
function plain(message: string): string {
  const m = /^Invalid input: expected (\w+), received undefined$/.exec(message);
  return m ? `missing (expected a ${m[1]})` : message;
}

function issuesToMessage(file: string, error: z.ZodError, prefix: (string | number)[] = [], root?: unknown): string {
  return error.issues
    .map((i) => `${file}: ${formatPath([...prefix, ...(i.path as (string | number)[])])}: ${plain(i.message)}${root ? suggestionFor(i, root) : ''}`)
    .join('\n');
}

/** The keys an object schema declares, or null for a schema that is not a plain object. */
function declaredKeys(schema: unknown): string[] | null {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : null;
}

/**
 * A mistyped key (`lookback_minute`, `stage_maping`) would otherwise be ignored and its default
 * used silently: every connection key must be one its source declares, with a did-you-mean.
 */
function rejectUnknownKeys(file: string, path: (string | number)[], value: Record<string, unknown>, schema: unknown): void {
  const known = declaredKeys(unwrap(schema));
  if (!known) return;
  const unknown = Object.keys(value).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  throw new ConfigError(unknown.map((k) => `${file}: ${formatPath([...path, k])}: unknown key${didYouMean(k, known)}`).join('\n'), `a ${String(value['source'])} connection takes: ${known.join(', ')}`);
}

function didYouMean(typed: string, known: readonly string[]): string {
  const guess = suggest(typed, known);
  return guess ? `; did you mean ${guess}?` : '';
}

/** zod names unknown keys of strict objects but offers no guess; one from the object's own keys. */
function suggestionFor(issue: z.core.$ZodIssue, root: unknown): string {
  if (issue.code !== 'unrecognized_keys') return '';
  const schema = issue.path.reduce<unknown>((s, p) => (typeof p === 'string' ? (unwrap(s) as { shape?: Record<string, unknown> })?.shape?.[p] : s), root);
  const keys = declaredKeys(unwrap(schema));
  if (!keys) return '';
  const guesses = issue.keys.map((k) => suggest(k, keys)).filter((g): g is string => g !== null);
  return guesses.length > 0 ? `; did you mean ${guesses.join(', ')}?` : '';
}

/** Defaults and optionals wrap the object schema whose keys we want. */
function unwrap(schema: unknown): unknown {
  let s = schema as { unwrap?: () => unknown; def?: { innerType?: unknown; in?: unknown } } | undefined;
  for (let i = 0; i < 4 && s; i++) {
    if (declaredKeys(s)) return s;
    // default/optional keep it in innerType, a transform's pipe in `in`.
    s = (s.def?.innerType ?? s.def?.in ?? (typeof s.unwrap === 'function' ? s.unwrap() : undefined)) as typeof s;
  }
  return s;
}

/**
 * Validates an already-parsed config object; shared by files and built-in (demo) configs. Relative
 * paths resolve against `baseDir` (default: the file's folder).
 */
export function resolveConfig(raw: unknown, file: string, sources: SourceRegistry, baseDir: string = dirname(file)): HirelakeConfig {
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(issuesToMessage(file, parsed.error, [], configFileSchema));
  const value = parsed.data;
  const names = new Set<string>();
  const secrets: string[] = [];
  const connections = value.connections.map((c, i) => {
    if (names.has(c.name)) throw new ConfigError(`${file}: connections[${i}].name: "${c.name}" is used by two connections; names must be unique`);
    names.add(c.name);
    const source = sources[c.source];
    if (!source) {
      throw new ConfigError(`${file}: connections[${i}].source: unknown source "${c.source}"; expected one of ${Object.keys(sources).join(', ')}`);
    }
    rejectUnknownKeys(file, ['connections', i], c, source.connectionSchema);
    const res = source.connectionSchema.safeParse(c);
    if (!res.success) throw new ConfigError(issuesToMessage(file, res.error, ['connections', i]));
    const known = new Set(source.streams.map((s) => s.name));
    const demographic = new Set(source.streams.filter((s) => s.demographics).map((s) => s.name));
    for (const s of res.data.streams ?? []) {
      if (!known.has(s)) {
        throw new ConfigError(`${file}: connections[${i}].streams: unknown ${c.source} stream "${s}"; expected some of ${[...known].join(', ')}`);
      }
      if (demographic.has(s) && !res.data.demographics) {
        throw new ConfigError(`${file}: connections[${i}].streams: "${s}" holds demographic answers, extracted only with demographics: true on the connection`);
      }
    }
    secrets.push(...source.secrets(res.data));
    return res.data as ConnectionBase;
  });
  if (value.warehouse.engine === 'postgres') {
    const pw = safePassword(value.warehouse.url);
    if (pw) secrets.push(pw);
  } else {
    value.warehouse.path = resolve(baseDir, value.warehouse.path);
  }
  return {
    file,
    warehouse: value.warehouse,
    concurrency: value.concurrency,
    connections,
    models: value.models,
    exports: value.exports,
    worker: value.worker,
    dashboard: value.dashboard,
    custom_fields: value.custom_fields,
    privacy: value.privacy,
    raw: value.raw,
    secrets: secrets.filter((s) => s.length >= 3),
  };
}

function safePassword(url: string): string | null {
  try {
    const p = new URL(url).password;
    return p ? decodeURIComponent(p) : null;
  } catch {
    return null;
  }
}

/** Reads the config text; every way a path can fail to be a readable file is a config error (exit 2). */
function readConfigText(file: string, path: string | undefined): string {
  if (!existsSync(file)) {
    throw new ConfigError(`${file}: config file not found`, path ? undefined : 'create hirelake.yml or pass --config <path>; `hirelake demo` needs no config');
  }
  if (statSync(file).isDirectory()) throw new ConfigError(`${file}: is a directory, not a config file`, 'pass --config <path to hirelake.yml>');
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: cannot read the config file (${code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message)})`);
  }
}

/** What `--config -` reads: the whole of stdin. */
export type StdinReader = () => string;
const readStdin: StdinReader = () => readFileSync(0, 'utf8');

/**
 * Reads hirelake.yml (or --config): .env next to it is loaded first (never overriding variables
 * already set), then YAML is parsed, ${VAR}s are filled in, and zod validates every key.
 * `--config -` reads the config from stdin; relative paths in it (and .env) are then taken from
 * the working directory.
 */
export function loadConfig(path: string | undefined, sources: SourceRegistry, env: NodeJS.ProcessEnv = process.env, stdin: StdinReader = readStdin): HirelakeConfig {
  const fromStdin = path === '-';
  const file = fromStdin ? resolve('(stdin)') : resolve(path ?? 'hirelake.yml');
  const label = fromStdin ? '(stdin)' : file;
  const dotenv = resolve(dirname(file), '.env');
  if (existsSync(dotenv) && env === process.env) loadDotenv({ path: dotenv, quiet: true });
  let source: string;
  if (fromStdin) {
    try {
      source = stdin();
    } catch (err) {
      throw new ConfigError(`--config -: cannot read the config from stdin (${(err as Error).message})`);
    }
    if (source.trim() === '') throw new ConfigError('--config -: stdin was empty; pipe the config in, e.g. `envsubst < hirelake.yml | hirelake run --config -`');
  } else {
    source = readConfigText(file, path);
  }
  let raw: unknown;
  const { text, refs } = protectEnvReferences(source);
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const msg = err instanceof YAMLParseError ? err.message : String(err);
    throw new ConfigError(`${label}: not valid YAML: ${msg}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${label}: expected a YAML mapping with warehouse and connections`);
  const config = resolveConfig(interpolate(raw, refs, env, label), label, sources, dirname(file));
  return config;
}
