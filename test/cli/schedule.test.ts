// Per-connection `schedule:` (cron): validated at load, and shown by status with its next due time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { latestDue, nextDue } from '../../src/schedule/cron.ts';
import { runMain } from '../helpers/in-process.ts';
import { tempDir } from '../helpers/tmp.ts';

const gh = (name: string, schedule?: unknown) => ({
  name,
  source: 'greenhouse',
  credentials: { client_id: 'id', client_secret: 'secret-value', user_id: '1' },
  ...(schedule !== undefined ? { schedule } : {}),
});

describe('schedule:', () => {
  const tmp = tempDir();
  afterAll(() => tmp.cleanup());
  let n = 0;
  const write = (connections: unknown[]) => {
    const dir = join(tmp.dir, `s${n++}`);
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'hirelake.yml');
    writeFileSync(file, stringify({ warehouse: { engine: 'duckdb', path: './w.duckdb' }, connections }));
    return file;
  };

  it('due times: the next one strictly after a moment, the latest one at or before it, in the schedule\'s zone', () => {
    const hourly = { cron: '0 * * * *', timezone: 'UTC' };
    expect(nextDue(hourly, new Date('2026-03-01T10:00:00Z'))).toEqual(new Date('2026-03-01T11:00:00Z'));
    expect(latestDue(hourly, new Date('2026-03-01T10:00:00Z'))).toEqual(new Date('2026-03-01T10:00:00Z'));
    expect(latestDue(hourly, new Date('2026-03-01T10:59:59Z'))).toEqual(new Date('2026-03-01T10:00:00Z'));
    const berlin6 = { cron: '0 6 * * *', timezone: 'Europe/Berlin' };
    expect(nextDue(berlin6, new Date('2026-07-01T12:00:00Z'))).toEqual(new Date('2026-07-02T04:00:00Z'));
  });

  it('status lists each connection\'s schedule and next due time', async () => {
    const file = write([gh('acme', '*/15 * * * *'), gh('globex', { cron: '0 6 * * 1-5', timezone: 'Europe/Berlin' }), gh('initech')]);
    const before = Date.now();
    const r = await runMain(['status', '--config', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { connections } = JSON.parse(r.stdout) as { connections: { connection: string; schedule: string | null; next_due: string | null }[] };
    expect(connections.map((c) => [c.connection, c.schedule])).toEqual([
      ['acme', '*/15 * * * *'],
      ['globex', '0 6 * * 1-5 (Europe/Berlin)'],
      ['initech', null],
    ]);
    const acmeNext = Date.parse(connections[0]!.next_due!);
    expect(acmeNext).toBeGreaterThan(before);
    expect(acmeNext - before).toBeLessThanOrEqual(15 * 60_000);
    expect(new Date(acmeNext).getUTCMinutes() % 15).toBe(0);
    expect(connections[2]!.next_due).toBeNull();
    const text = await runMain(['status', '--config', file]);
    expect(text.stdout).toMatch(/Schedules \(run by `hirelake worker`\):\nconnection +schedule +next_due/);
  });

  it('a bad cron expression or time zone exits 2 naming the key', async () => {
    const bad = await runMain(['status', '--config', write([gh('acme', '61 * * * *')])]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/connections\[0\]\.schedule: "61 \* \* \* \*" is not a cron expression \(Invalid value for minute: 61\)/);
    const tz = await runMain(['status', '--config', write([gh('acme', { cron: '0 * * * *', timezone: 'Mars/Base' })])]);
    expect(tz.code).toBe(2);
    expect(tz.stderr).toContain('connections[0].schedule: unknown time zone "Mars/Base"');
  });
});
