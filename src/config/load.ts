import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import type { SourceDefinition } from '../extract/source.ts';
import { formatPath, interpolate, protectEnvReferences } from './interpolate.ts';
import { configFileSchema, type ConnectionBase, type DashboardConfig, type PrivacyConfig, type RawConfig, type WarehouseConfig } from './schema.ts';

export interface HirelakeConfig {
  /** Absolute path of the file it came from (or a label for built-in configs). */
  readonly file: string;
  readonly warehouse: WarehouseConfig;
  readonly connections: readonly ConnectionBase[];
  readonly models: { include_pii: boolean };
  readonly exports: readonly Record<string, unknown>[];
  /** `hirelake report` and `serve` settings. */
  readonly dashboard: DashboardConfig;
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

function issuesToMessage(file: string, error: z.ZodError, prefix: (string | number)[] = []): string {
  return error.issues
    .map((i) => `${file}: ${formatPath([...prefix, ...(i.path as (string | number)[])])}: ${plain(i.message)}`)
    .join('\n');
}

/** Validates an already-parsed config object; shared by files and built-in (demo) configs. */
export function resolveConfig(raw: unknown, file: string, sources: SourceRegistry): HirelakeConfig {
  const parsed = configFileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(issuesToMessage(file, parsed.error));
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
    value.warehouse.path = resolve(dirname(file), value.warehouse.path);
  }
  return {
    file, warehouse: value.warehouse, connections, models: value.models, exports: value.exports, dashboard: value.dashboard,
    privacy: value.privacy, raw: value.raw, secrets: secrets.filter((s) => s.length >= 3),
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

/**
 * Reads hirelake.yml (or --config): .env next to it is loaded first (never overriding variables
 * already set), then YAML is parsed, ${VAR}s are filled in, and zod validates every key.
 */
export function loadConfig(path: string | undefined, sources: SourceRegistry, env: NodeJS.ProcessEnv = process.env): HirelakeConfig {
  const file = resolve(path ?? 'hirelake.yml');
  if (!existsSync(file)) {
    throw new ConfigError(`${file}: config file not found`, path ? undefined : 'create hirelake.yml or pass --config <path>; `hirelake demo` needs no config');
  }
  const dotenv = resolve(dirname(file), '.env');
  if (existsSync(dotenv) && env === process.env) loadDotenv({ path: dotenv, quiet: true });
  let raw: unknown;
  const { text, refs } = protectEnvReferences(readFileSync(file, 'utf8'));
  try {
    raw = parseYaml(text, { prettyErrors: true });
  } catch (err) {
    const msg = err instanceof YAMLParseError ? err.message : String(err);
    throw new ConfigError(`${file}: not valid YAML: ${msg}`);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: expected a YAML mapping with warehouse and connections`);
  return resolveConfig(interpolate(raw, refs, env, file), file, sources);
}
