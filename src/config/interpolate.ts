import { ConfigError } from '../core/errors.ts';

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;
const PLACEHOLDER = /__hirelake_env_(\d+)__/g;

export interface EnvReference {
  readonly name: string;
  readonly fallback: string | undefined;
}

/**
 * `${VAR}` is not valid YAML inside a flow mapping (`{ id: ${X} }` reads as a nested map), yet it
 * is the natural way to write secrets. So before parsing, each reference becomes a plain-scalar
 * placeholder; after parsing, placeholders are filled in on values. A secret containing YAML
 * syntax therefore can never change the shape of the config.
 */
export function protectEnvReferences(text: string): { text: string; refs: EnvReference[] } {
  const refs: EnvReference[] = [];
  const out = text.replace(VAR, (_m, name: string, fallback: string | undefined) => {
    refs.push({ name, fallback });
    return `__hirelake_env_${refs.length - 1}__`;
  });
  return { text: out, refs };
}

export function interpolate(node: unknown, refs: readonly EnvReference[], env: NodeJS.ProcessEnv, file: string, path: string[] = []): unknown {
  if (typeof node === 'string') {
    return node.replace(PLACEHOLDER, (_m, i: string) => {
      const ref = refs[Number(i)]!;
      const value = env[ref.name];
      if (value !== undefined && value !== '') return value;
      if (ref.fallback !== undefined) return ref.fallback;
      throw new ConfigError(`${file}: ${formatPath(path)}: environment variable ${ref.name} is not set`, `set ${ref.name} in the environment or in .env next to the config`);
    });
  }
  if (Array.isArray(node)) return node.map((v, i) => interpolate(v, refs, env, file, [...path, String(i)]));
  if (node && typeof node === 'object' && !(node instanceof Date)) {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolate(v, refs, env, file, [...path, k])]));
  }
  return node;
}

/** `connections.0.credentials.client_id` → `connections[0].credentials.client_id`. */
export function formatPath(path: readonly (string | number | symbol)[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? `[${String(p)}]` : (i === 0 ? '' : '.') + String(p)))
    .join('');
}
