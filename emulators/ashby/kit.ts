import { CLIENT_NO_LIMIT, parseRateLimit, type EmulatorKit } from '../shared/kit.ts';
import { startAshbyEmulator } from './server.ts';

const REAL = '1000/60000';
const NO_LIMIT = { limit: 1_000_000, windowMs: 1000 };

/** Ashby: Basic auth with the API key, 1000 requests a minute, application.listHistory 100 a minute. */
export const kit: EmulatorKit = {
  realRateLimit: REAL,
  realRateLimitNote: 'Ashby: 1000 requests per minute per key (x-ratelimit-limit in recorded responses; unpublished), application.listHistory 100 per minute',
  joblessApplications: false,
  shownWorld(world) {
    const w = structuredClone(world);
    // A prospect in a pool (no job) is an Ashby candidate without an application: no application date to show.
    for (const a of w.applications) if (a.isProspect && a.jobId === null) a.appliedAt = w.start;
    // Ashby archives jobs rather than deleting them: a job deleted in the world is still listed.
    for (const j of w.jobs) j.deletedAt = null;
    return w;
  },
  async start(world, opts = {}) {
    const rate = parseRateLimit(opts.rateLimit, REAL);
    const real = opts.rateLimit === 'real';
    const e = await startAshbyEmulator({
      world,
      port: opts.port,
      rateLimit: rate ? { limit: rate[0], windowMs: rate[1] } : NO_LIMIT,
      historyRateLimit: real ? { limit: 100, windowMs: 60_000 } : NO_LIMIT,
    });
    return { vendor: 'ashby', url: e.url, info: { credentials: e.credentials }, stats: () => e.stats(), stop: () => e.stop() };
  },
  connection(emu, name, extra = {}) {
    return { name, source: 'ashby', credentials: emu.info['credentials'], base_url: emu.url, ...CLIENT_NO_LIMIT, ...extra };
  },
};
