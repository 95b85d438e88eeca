import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { connectionBaseSchema } from '../../src/config/schema.ts';
import { defineSource, defineStream, type SourceDefinition } from '../../src/extract/source.ts';

/** What the fake vendor saw: which connections were being read at once. */
export interface FakeVendorLog {
  active: Set<string>;
  maxActive: number;
  /** Pairs of connections that were read at the same moment. */
  overlaps: Set<string>;
  opened: string[];
}

/**
 * A vendor in memory for tests about how connections are scheduled, not what they extract: each
 * connection has one full-sync stream of `records` records that takes `readMs` to read. With
 * `gather`, a read first waits (up to 5 s) until that many are reading at once, so a test sees a
 * cap reached however loaded the machine is (a late starter no longer finds the first done).
 */
export function fakeSource(opts: { records?: number; readMs?: number; gather?: number } = {}): { source: SourceDefinition<any, any>; log: FakeVendorLog } {
  const log: FakeVendorLog = { active: new Set(), maxActive: 0, overlaps: new Set(), opened: [] };
  const schema = connectionBaseSchema.extend({ source: z.literal('fake'), credentials: z.strictObject({ key: z.string() }) });
  const items = defineStream<{ name: string; close(): Promise<void> }>({
    name: 'items',
    sync: 'full',
    recordId: (r) => String((r as { id: number }).id),
    updatedAt: () => null,
    async *read(session) {
      for (const other of log.active) log.overlaps.add([other, session.name].sort().join('+'));
      log.active.add(session.name);
      log.maxActive = Math.max(log.maxActive, log.active.size);
      try {
        for (const until = Date.now() + 5_000; opts.gather && log.active.size < opts.gather && Date.now() < until; ) await sleep(5);
        await sleep(opts.readMs ?? 20);
        yield { records: Array.from({ length: opts.records ?? 3 }, (_, i) => ({ id: i + 1, of: session.name })), resume: null };
      } finally {
        log.active.delete(session.name);
      }
    },
  });
  const source = defineSource({
    name: 'fake',
    connectionSchema: schema,
    secrets: (c) => [c.credentials.key],
    streams: [items],
    async open(c) {
      log.opened.push(c.name);
      return { name: c.name, close: async () => {} };
    },
  });
  return { source, log };
}
