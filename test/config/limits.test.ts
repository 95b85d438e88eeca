// rate_limit and max_response_mb are bounded in the config: a window of 1e9 seconds used to reach
// the rate limiter's timers (which fire at once above 2^31 ms) and stall the connection.
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { tempDir } from '../helpers/tmp.ts';
import { writeConfigFile } from '../helpers/pipeline.ts';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function exitOf(connectionExtra: Record<string, unknown>): Promise<{ code: number; stderr: string }> {
  const file = writeConfigFile(tmp.dir, {
    connections: [{ name: 'acme', source: 'lever', credentials: { api_key: 'k' }, ...connectionExtra }],
  });
  const err: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((c: string | Uint8Array) => (err.push(String(c)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(['status', '--config', file]), stderr: err.join('') };
  } finally {
    process.stderr.write = write;
  }
}

describe('connection limits in the config', () => {
  it.each([
    [{ rate_limit: { requests: 1, per_seconds: 1e9 } }, 'connections[0].rate_limit.per_seconds: expected a window of at most 86400 seconds (one day)'],
    [{ rate_limit: { requests: 0, per_seconds: 1 } }, 'connections[0].rate_limit.requests: expected at least 1 request'],
    [{ rate_limit: { requests: 2.5, per_seconds: 1 } }, 'connections[0].rate_limit.requests: expected a whole number of requests'],
    [{ rate_limit: { requests: 10, per_seconds: 0 } }, 'connections[0].rate_limit.per_seconds: expected a window of more than 0 seconds'],
    [{ max_response_mb: 0 }, 'connections[0].max_response_mb: expected at least 1 MiB'],
    [{ max_response_mb: 4096 }, 'connections[0].max_response_mb: expected at most 512 MiB'],
  ])('%j is refused with exit 2 naming the key', async (extra, message) => {
    const r = await exitOf(extra);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });
});
