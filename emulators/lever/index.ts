// Lever v1 emulator: serves a simulated World over loopback HTTP with Lever's wire behaviour
// (Basic auth with the API key, `{data, hasNext, next}` envelopes, opaque offset tokens,
// epoch-ms timestamps, null updatedAt on old opportunities, confidentiality, deleted endpoints,
// a ~10 req/s token bucket and switchable faults). The world→Lever mapping is in render.ts.
export { startLeverEmulator } from './server.ts';
export type { LeverEmulator, LeverEmulatorOptions, LeverEmulatorStats, LeverFaultConfig } from './types.ts';
export { LeverView } from './view.ts';
export { buildStages, buildArchiveReasons, HIRED_REASON } from './catalog.ts';
