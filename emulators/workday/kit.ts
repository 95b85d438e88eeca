import { CLIENT_NO_LIMIT, parseRateLimit, type EmulatorKit } from '../shared/kit.ts';
import { startWorkdayEmulator } from './server.ts';
import { offsetMinutes } from './time.ts';

/** The emulator's default tenant zone: Workday's dates are tenant-local days. */
const TENANT_ZONE = 'America/Los_Angeles';
const localMidnightUtc = (ms: number): number => {
  const local = new Date(ms + offsetMinutes(ms, TENANT_ZONE) * 60_000).toISOString().slice(0, 10);
  return Date.parse(`${local}T00:00:00Z`);
};

const REAL = '10/1000';

/** Workday: SOAP with WS-Security username/password per tenant, plus the customer's RaaS report. */
export const kit: EmulatorKit = {
  realRateLimit: REAL,
  realRateLimitNote: 'Workday: about 10 requests per second per tenant (unpublished; the emulator default)',
  joblessApplications: false,
  shownWorld(world) {
    // Prospects are Workday candidates without a job application: no application date to show.
    const w = structuredClone(world);
    for (const a of w.applications) if (a.isProspect) a.appliedAt = w.start;
    // Requisitions are never hard-deleted: a job deleted in the world is still served with its name.
    for (const j of w.jobs) j.deletedAt = null;
    // Openings are requisition headcount: opened on the recruiting start date (a tenant-local day),
    // due by the requisition's one Target_Hire_Date.
    for (const j of w.jobs) {
      const target = j.openingIds.map((id) => w.openings[id - 1]!.targetStartOn).find((d) => d !== null) ?? null;
      for (const id of j.openingIds) {
        const o = w.openings[id - 1]!;
        if (o.openedAt !== null) o.openedAt = localMidnightUtc(o.openedAt);
        o.targetStartOn = target;
      }
    }
    return w;
  },
  async start(world, opts = {}) {
    const rate = parseRateLimit(opts.rateLimit, REAL);
    const e = await startWorkdayEmulator({ world, port: opts.port, ...(rate ? { rateLimit: { limit: rate[0], windowMs: rate[1] } } : {}) });
    const report = e.report ? { owner: e.report.owner, name: e.report.name, columns: e.report.columns } : undefined;
    const demographics = e.demographicsReport ? { owner: e.demographicsReport.owner, name: e.demographicsReport.name, columns: e.demographicsReport.columns } : undefined;
    return {
      vendor: 'workday', url: e.url,
      info: {
        tenant: e.tenant, endpoint: e.endpoint, credentials: e.credentials,
        ...(report ? { stage_history_report: report } : {}), ...(demographics ? { demographics_report: demographics } : {}),
      },
      stats: () => e.stats(), stop: () => e.stop(),
    };
  },
  connection(emu, name, extra = {}) {
    const credentials = emu.info['credentials'] as { username: string; password: string };
    return {
      name, source: 'workday', host: 'wd2-impl-services1.workday.com', tenant: emu.info['tenant'],
      credentials: { username: credentials.username, password: credentials.password }, base_url: emu.url,
      ...(emu.info['stage_history_report'] ? { stage_history_report: emu.info['stage_history_report'] } : {}),
      // The self-identification report is read only with demographics: true (opt-in).
      ...(emu.info['demographics_report'] && extra['demographics'] === true ? { demographics_report: emu.info['demographics_report'] } : {}),
      ...CLIENT_NO_LIMIT, ...extra,
    };
  },
};
