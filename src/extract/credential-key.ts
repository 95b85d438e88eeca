import { createHash } from 'node:crypto';
import type { ConnectionBase } from '../config/schema.ts';

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  }
  return v;
}

/**
 * Which vendor credential a connection spends: connections with the same source, host and
 * credentials share one API key and so one rate-limit budget. A one-way digest, so the key can
 * name a queue or a lock without the secret ever reaching the warehouse or a log.
 */
export function credentialKey(connection: ConnectionBase): string {
  const c = connection as ConnectionBase & { credentials?: unknown; base_url?: unknown };
  const material = JSON.stringify(canonical({ source: c.source, base_url: c.base_url ?? null, credentials: c.credentials ?? null }));
  return createHash('sha256').update(material).digest('hex').slice(0, 16);
}

/**
 * Connections grouped by credential, in config order: a group runs one connection at a time, so a
 * key's budget is never split between (or multiplied by) concurrent runs.
 */
export function groupByCredential<C extends ConnectionBase>(connections: readonly C[]): C[][] {
  const groups = new Map<string, C[]>();
  for (const c of connections) {
    const key = credentialKey(c);
    const g = groups.get(key);
    if (g) g.push(c);
    else groups.set(key, [c]);
  }
  return [...groups.values()];
}
