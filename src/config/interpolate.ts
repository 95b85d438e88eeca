import { ConfigError } from '../core/errors.ts';

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${VAR}` and `${VAR:-default}` in every string of the parsed YAML tree. Done on values
 * after parsing, never on the file text, so a secret containing YAML syntax cannot change the config.
 */
export function interpolate(node: unknown, env: NodeJS.ProcessEnv, file: string, path: string[] = []): unknown {
  if (typeof node === 'string') {
    return node.replace(VAR, (_m, name: string, fallback: string | undefined) => {
      const value = env[name];
      if (value !== undefined && value !== '') return value;
      if (fallback !== undefined) return fallback;
      throw new ConfigError(`${file}: ${formatPath(path)}: environment variable ${name} is not set`, `set ${name} in the environment or in .env`);
    });
  }
  if (Array.isArray(node)) return node.map((v, i) => interpolate(v, env, file, [...path, String(i)]));
  if (node && typeof node === 'object') {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, interpolate(v, env, file, [...path, k])]));
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
