// Workable SPI v3 emulator: serves a simulated World over loopback HTTP with Workable's wire
// behaviour (Bearer token, `{jobs|candidates|…, paging: {next}}` envelopes with full next-page
// URLs, `since_id` / `updated_after`, bare-array lookups, second-precision records and
// millisecond activities, 10 requests per 10 s with X-Rate-Limit-* headers, switchable faults).
// The world→Workable mapping is in render.ts.
export { startWorkableEmulator } from './server.ts';
export type { WorkableEmulator, WorkableEmulatorOptions, WorkableEmulatorStats, WorkableFaultConfig } from './types.ts';
export { WorkableView } from './view.ts';
