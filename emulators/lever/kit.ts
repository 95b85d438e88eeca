import { CLIENT_NO_LIMIT, parseRateLimit, type EmulatorKit } from '../shared/kit.ts';
import { startLeverEmulator } from './server.ts';

const REAL = '10/20';

/** Lever: Basic auth with the API key, a token bucket of perSecond/burst. */
export const kit: EmulatorKit = {
  realRateLimit: REAL,
  realRateLimitNote: 'Lever: 10 requests per second, bursts of 20 (token bucket)',
  joblessApplications: true,
  async start(world, opts = {}) {
    const rate = parseRateLimit(opts.rateLimit, REAL) ?? [1_000_000, 1_000_000];
    const e = await startLeverEmulator({ world, port: opts.port, rateLimit: { perSecond: rate[0], burst: rate[1] } });
    return { vendor: 'lever', url: e.url, info: { credentials: e.credentials }, stats: () => e.stats(), stop: () => e.stop() };
  },
  connection(emu, name, extra = {}) {
    return { name, source: 'lever', credentials: emu.info['credentials'], base_url: emu.url, ...CLIENT_NO_LIMIT, ...extra };
  },
};
