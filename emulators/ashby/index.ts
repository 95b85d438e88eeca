// Ashby emulator: serves a simulated World over loopback HTTP with Ashby's wire behaviour (POST
// RPC endpoints with JSON bodies, Basic auth with the API key, `{success, results,
// moreDataAvailable, nextCursor, syncToken}` envelopes, `success: false` errors with codes,
// incremental sync with expiring sync tokens, the Ashby-Version header, rate limits and switchable
// faults). The world→Ashby mapping is in render.ts.
export { startAshbyEmulator, ASHBY_DEFAULT_VERSION, ASHBY_VERSIONS } from './server.ts';
export type { AshbyEmulator, AshbyEmulatorOptions, AshbyEmulatorStats, AshbyFaultConfig } from './types.ts';
export { AshbyView } from './view.ts';
export { AshbyIds } from './ids.ts';
