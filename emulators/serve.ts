// Runs an emulator in its own process, so benchmarks measure the client and not the server:
//   node bin/run-ts.js emulators/serve.ts --vendor greenhouse --seed 7 --size large [--rate-limit 50/30000]
// --size is a preset (tiny|small|medium|large) or a job count; --rate-limit is none (default), real
// (the vendor's documented limit) or requests/window in the vendor's units (see each
// emulators/<vendor>/kit.ts). Any vendor of the registry (extractors/index.ts). Prints one JSON line
// once listening: {"vendor", "url", …the kit's info (credentials, token url, tenant), "records", "counts"}
// and stops on SIGTERM/SIGINT. On SIGUSR2 the world lives on up to this machine's clock (new
// applications, stage moves, edits) and one more line says so: {"advanced": {"from", "to", "events"}};
// a world whose --now is the clock at launch then behaves like a live account between two runs.
import { parseArgs } from 'node:util';
import { vendors } from '../extractors/index.ts';
import type { RunningEmulator } from './shared/kit.ts';
import { advanceWorld, createWorld, recordCounts, type SizePreset } from './world/index.ts';

const { values } = parseArgs({
  options: {
    vendor: { type: 'string', default: 'greenhouse' },
    seed: { type: 'string', default: '7' },
    size: { type: 'string', default: 'small' },
    // With a job count for --size: applications per job (default the medium preset's).
    'applications-per-job': { type: 'string' },
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

const parseTime = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(t) ? t : fail(`--${name} must be an ISO timestamp or epoch ms`);
};

const kitLoader = vendors[values.vendor];
if (!kitLoader) fail(`unsupported --vendor ${values.vendor} (${Object.keys(vendors).join(', ')})`);
const kit = await kitLoader.emulator();
const world = createWorld({
  seed: Number(values.seed),
  size: size ?? { jobs, ...(values['applications-per-job'] ? { applicationsPerJob: Number(values['applications-per-job']) } : {}) },
  start: parseTime(values.start, 'start'),
  now: parseTime(values.now, 'now'),
});
let running: RunningEmulator;
try {
  running = await kit.start(world, { port: Number(values.port), rateLimit: values['rate-limit'] ?? 'none' });
} catch (err) {
  fail((err as Error).message);
}
const counts = recordCounts(world);
process.stdout.write(`${JSON.stringify({ vendor: values.vendor, url: running.url, ...running.info, records: counts.total, counts })}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  running.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGUSR2', () => {
  // Never backwards: a --now ahead of the clock stays where it is.
  const advanced = advanceWorld(world, { to: Math.max(world.now, Date.now()) });
  process.stdout.write(`${JSON.stringify({ advanced })}\n`);
});
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
