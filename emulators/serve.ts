// Runs an emulator in its own process, so benchmarks measure the client and not the server:
//   node bin/run-ts.js emulators/serve.ts --vendor greenhouse --seed 7 --size large [--rate-limit 50/30000]
// Prints one JSON line {url, tokenUrl, credentials, records} on stdout once listening; stops on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { createWorld, recordCounts, type SizePreset } from './world/index.ts';
import { startGreenhouseEmulator } from './greenhouse/index.ts';

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
if (values.vendor !== 'greenhouse') fail(`unsupported --vendor ${values.vendor}`);

let rateLimit: { limit: number; windowMs: number } | undefined;
if (values['rate-limit']) {
  const m = /^(\d+)\/(\d+)$/.exec(values['rate-limit']);
  if (!m) fail('--rate-limit must look like 50/30000 (requests/window ms)');
  rateLimit = { limit: Number(m[1]), windowMs: Number(m[2]) };
}
const parseTime = (v: string | undefined, name: string): number | undefined => {
  if (v === undefined) return undefined;
  const t = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  return Number.isFinite(t) ? t : fail(`--${name} must be an ISO timestamp or epoch ms`);
};

const world = createWorld({
  seed: Number(values.seed),
  size: size ?? { jobs },
  start: parseTime(values.start, 'start'),
  now: parseTime(values.now, 'now'),
});
const emulator = await startGreenhouseEmulator({
  world,
  port: Number(values.port),
  rateLimit,
  tokenTtlMs: values['token-ttl-ms'] ? Number(values['token-ttl-ms']) : undefined,
});
process.stdout.write(`${JSON.stringify({
  url: emulator.url, tokenUrl: emulator.tokenUrl, credentials: emulator.credentials,
  records: recordCounts(world).total, counts: recordCounts(world),
})}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  emulator.stop().then(() => process.exit(0), () => process.exit(1));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
