// Runs an emulator in its own process, so benchmarks measure the client and not the server:
//   node bin/run-ts.js emulators/serve.ts --vendor greenhouse --seed 7 --size large [--rate-limit 50/30000]
// --size is a preset (tiny|small|medium|large) or a job count; --rate-limit is limit/windowMs for
// greenhouse and workday, perSecond/burst for lever. Prints one JSON line once listening:
//   {"vendor", "url", "tokenUrl"? (greenhouse), "credentials", "records", "counts"}
// and stops on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { createWorld, recordCounts, type SizePreset, type World } from './world/index.ts';

const { values } = parseArgs({
  options: {
    vendor: { type: 'string', default: 'greenhouse' },
    seed: { type: 'string', default: '7' },
    size: { type: 'string', default: 'small' },
    'rate-limit': { type: 'string' },
    port: { type: 'string', default: '0' },
    start: { type: 'string' },
    now: { type: 'string' },
    'token-ttl-ms': { type: 'string' },
  },
});

function fail(message: string): never {
  process.stderr.write(`serve: ${message}\n`);
  process.exit(2);
}

const sizes: readonly SizePreset[] = ['tiny', 'small', 'medium', 'large'];
const size = sizes.find((s) => s === values.size);
const jobs = Number(values.size);
if (!size && !(Number.isInteger(jobs) && jobs > 0)) fail(`--size must be one of ${sizes.join(', ')} or a job count`);

let rate: [number, number] | undefined;
if (values['rate-limit']) {
  const m = /^(\d+)\/(\d+)$/.exec(values['rate-limit']);
  if (!m) fail('--rate-limit must look like 50/30000');
  rate = [Number(m[1]), Number(m[2])];
}
const parseTime = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(t) ? t : fail(`--${name} must be an ISO timestamp or epoch ms`);
};

interface Running {
  info: Record<string, unknown>;
  stop(): Promise<void>;
}

/** vendors load lazily, so one vendor's emulator never stops another from serving */
async function start(vendor: string, world: World, port: number): Promise<Running> {
  if (vendor === 'greenhouse') {
    const { startGreenhouseEmulator } = await import('./greenhouse/index.ts');
    const e = await startGreenhouseEmulator({
      world, port,
      rateLimit: rate && { limit: rate[0], windowMs: rate[1] },
      tokenTtlMs: values['token-ttl-ms'] ? Number(values['token-ttl-ms']) : undefined,
    });
    return { info: { url: e.url, tokenUrl: e.tokenUrl, credentials: e.credentials }, stop: () => e.stop() };
  }
  if (vendor === 'lever') {
    const { startLeverEmulator } = await import('./lever/index.ts');
    const e = await startLeverEmulator({ world, port, rateLimit: rate && { perSecond: rate[0], burst: rate[1] } });
    return { info: { url: e.url, credentials: e.credentials }, stop: () => e.stop() };
  }
  if (vendor === 'workday') {
    const { startWorkdayEmulator } = await import('./workday/index.ts');
    const e = await startWorkdayEmulator({ world, port, rateLimit: rate && { limit: rate[0], windowMs: rate[1] } });
    return { info: { url: e.url, tenant: e.tenant, endpoint: e.endpoint, credentials: e.credentials }, stop: () => e.stop() };
  }
  return fail(`unsupported --vendor ${vendor} (greenhouse, lever, workday)`);
}

const world = createWorld({
  seed: Number(values.seed),
  size: size ?? { jobs },
  start: parseTime(values.start, 'start'),
  now: parseTime(values.now, 'now'),
});
const running = await start(values.vendor, world, Number(values.port));
const counts = recordCounts(world);
process.stdout.write(`${JSON.stringify({ vendor: values.vendor, ...running.info, records: counts.total, counts })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  running.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
