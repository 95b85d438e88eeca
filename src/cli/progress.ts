import type { StreamCounters } from '../state/run-log.ts';

/**
 * A one-line live status on stderr, only when stderr is a terminal and not in CI; in logs and
 * pipes it stays silent (per-stream results are printed at the end instead).
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): {
  update: (connection: string, streamName: string, c: StreamCounters) => void;
  done: () => void;
} {
  const enabled = Boolean(stream.isTTY) && !process.env['CI'];
  const totals = new Map<string, StreamCounters>();
  let last = 0;
  return {
    update(connection, streamName, c) {
      if (!enabled) return;
      totals.set(`${connection}.${streamName}`, c);
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      let records = 0;
      let requests = 0;
      for (const t of totals.values()) {
        records += t.records;
        requests += t.requests;
      }
      stream.write(`\r\x1b[2K${connection}.${streamName}: ${records.toLocaleString('en-US')} records landed, ${requests} requests`);
    },
    done() {
      if (enabled && last > 0) stream.write('\r\x1b[2K');
    },
  };
}
