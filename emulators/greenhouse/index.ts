// Harvest v3 emulator: serves a simulated World over loopback HTTP with Greenhouse's wire behaviour.
export { startGreenhouseEmulator } from './server.ts';
export type {
  EmulatorStats, FaultConfig, FaultSchedule, GreenhouseEmulator, GreenhouseEmulatorOptions,
} from './types.ts';
export { RESOURCES } from './resources.ts';
