import { CLIENT_NO_LIMIT, parseRateLimit, type EmulatorKit } from '../shared/kit.ts';
import { startWorkableEmulator } from './server.ts';

const REAL = '10/10000';

/** Workable SPI v3: a Bearer account token, fixed 10-second windows. */
export const kit: EmulatorKit = {
  realRateLimit: REAL,
  realRateLimitNote: 'Workable: 10 requests per 10 s window (account tokens; OAuth and partner tokens 50)',
  joblessApplications: false,
  async start(world, opts = {}) {
    const rate = parseRateLimit(opts.rateLimit, REAL);
    const e = await startWorkableEmulator({ world, port: opts.port, rateLimit: rate ? { limit: rate[0], windowMs: rate[1] } : { limit: 1_000_000, windowMs: 1000 } });
    return { vendor: 'workable', url: e.url, info: { subdomain: e.subdomain, credentials: e.credentials }, stats: () => e.stats(), stop: () => e.stop() };
  },
  connection(emu, name, extra = {}) {
    return { name, source: 'workable', subdomain: emu.info['subdomain'], credentials: emu.info['credentials'], base_url: emu.url, ...CLIENT_NO_LIMIT, ...extra };
  },
};
