import { CLIENT_NO_LIMIT, parseRateLimit, type EmulatorKit } from '../shared/kit.ts';
import { startGreenhouseEmulator } from './server.ts';

const REAL = '50/30000';

/** Harvest v3: OAuth client credentials against /token, fixed rate-limit windows. */
export const kit: EmulatorKit = {
  realRateLimit: REAL,
  realRateLimitNote: 'Harvest v3: 50 requests per fixed 30 s window (the emulator default; accounts differ)',
  joblessApplications: false,
  customSurveys: true,
  async start(world, opts = {}) {
    const rate = parseRateLimit(opts.rateLimit, REAL);
    const e = await startGreenhouseEmulator({ world, port: opts.port, rateLimit: rate ? { limit: rate[0], windowMs: rate[1] } : { limit: 1_000_000, windowMs: 1000 } });
    return { vendor: 'greenhouse', url: e.url, info: { tokenUrl: e.tokenUrl, credentials: e.credentials }, stats: () => e.stats(), stop: () => e.stop() };
  },
  connection(emu, name, extra = {}) {
    return { name, source: 'greenhouse', credentials: emu.info['credentials'], base_url: emu.url, token_url: emu.info['tokenUrl'], ...CLIENT_NO_LIMIT, ...extra };
  },
};
