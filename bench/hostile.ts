// What a hostile API costs a run: the real CLI (its own process, so peak RSS is hirelake's alone)
// extracting Greenhouse applications through the hostile proxy, one misbehaviour at a time.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stringify } from 'yaml';
import { createWorld } from '../emulators/world/index.ts';
import { startGreenhouseEmulator } from '../emulators/greenhouse/index.ts';
import { startHostileProxy, type Misbehaviour } from '../emulators/shared/hostile-proxy.ts';
import { ROOT } from './lib.ts';

const APPS = '/v3/applications';
const MIB = 1024 * 1024;

interface CliRun {
  code: number | null;
  seconds: number;
  peakRssMb: number | undefined;
  error: string | undefined;
}

function extract(config: string, onSpawn?: (kill: (s: NodeJS.Signals) => number) => void): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, [`${ROOT}bin/hirelake.js`, 'extract', '--config', config, '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: 'true' },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (err += d));
  let killedAt: number | undefined;
  onSpawn?.((s) => {
    killedAt = performance.now();
    child.kill(s);
    return killedAt;
  });
  return new Promise((resolve) => {
    child.on('close', (code) => {
      let peakRssMb: number | undefined;
      try {
        peakRssMb = (JSON.parse(out) as { peakRssMb?: number }).peakRssMb;
      } catch {
        // Interrupted runs print no summary.
      }
      const error = /error: (.*)/.exec(err)?.[1] ?? /\(connection|→ (.*)/.exec(err)?.[0];
      resolve({ code, seconds: ((killedAt !== undefined ? performance.now() - killedAt : performance.now() - started) / 1000), peakRssMb, error: error?.slice(0, 140) });
    });
  });
}

export async function benchHostile(): Promise<Record<string, unknown>[]> {
  const now = Date.now() - 10 * 60_000;
  const world = createWorld({ seed: 11, size: 'tiny', start: now - 200 * 86_400_000, now });
  const emu = await startGreenhouseEmulator({ world, rateLimit: { limit: 1_000_000, windowMs: 30_000 } });
  const proxy = await startHostileProxy({ upstream: emu.url });
  const dir = mkdtempSync(join(tmpdir(), 'hirelake-bench-hostile-'));
  const rows: Record<string, unknown>[] = [];
  const config = (name: string): string => {
    const file = join(dir, `${name}.yml`);
    writeFileSync(
      file,
      stringify({
        warehouse: { engine: 'duckdb', path: join(dir, `${name}.duckdb`), memory_limit: '64MB' },
        connections: [
          { name: 'acme', source: 'greenhouse', credentials: emu.credentials, base_url: proxy.url, token_url: `${proxy.url}/token`, per_page: 20, streams: ['applications'] },
        ],
      }),
    );
    return file;
  };
  const cases: [string, Misbehaviour][] = [
    ['clean (baseline)', {}],
    ['endless body', { endlessBody: { path: APPS } }],
    ['gzip bomb, 1 GiB decoded', { gzipBomb: { path: APPS, decodedBytes: 1024 * MIB } }],
    ['Retry-After: 999999999', { retryAfter: { path: APPS, seconds: 999_999_999 } }],
    ['next links cycling 2 → 3 → 2', { cycleNext: { path: APPS, at: 3, to: 2 } }],
    ['next link to a foreign origin', { foreignNext: { path: APPS, at: 2 } }],
  ];
  try {
    for (const [name, misbehave] of cases) {
      proxy.set(misbehave);
      const r = await extract(config(name.replace(/\W+/g, '_')));
      const s = proxy.stats();
      rows.push({
        case: name,
        exit: r.code,
        seconds: Number(r.seconds.toFixed(2)),
        peak_rss_mb: r.peakRssMb,
        requests: s.byPath[APPS] ?? 0,
        hostile_mb_sent: Number((s.hostileBytesSent / MIB).toFixed(1)),
        foreign_requests: s.foreign.length,
      });
    }
    // SIGTERM while a page is stalled: seconds from the signal to the process's exit.
    proxy.set({ slow: { path: APPS, headersDelayMs: 600_000, fromPage: 2 } });
    const r = await extract(config('sigterm'), (kill) => {
      void (async () => {
        while (!proxy.stats().fired['slow']) await sleep(20);
        kill('SIGTERM');
      })();
    });
    rows.push({ case: 'SIGTERM during a stalled request (seconds: signal → exit)', exit: r.code, seconds: Number(r.seconds.toFixed(2)), peak_rss_mb: r.peakRssMb, requests: proxy.stats().byPath[APPS] ?? 0 });
  } finally {
    await proxy.stop();
    await emu.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}
