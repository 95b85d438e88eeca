import { randomBytes } from 'node:crypto';

/** Sortable and unique: `20261128T133000Z-1a2b3c`. Orchestrators may pass their own with --run-id. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
