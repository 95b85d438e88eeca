// The one vendor registry. A vendor is one kit: its extractor (extractors/<vendor>/), its SQL
// (sql/staging/<vendor>/, found by folder), its emulator kit (emulators/<vendor>/kit.ts, loaded
// only when something runs an emulator) and its README. Everything that iterates over vendors
// (config, transforms, emulators/serve.ts, bench, demo, parity and mixed-vendor tests) reads this
// list; test/vendors/kit.test.ts fails when a registered vendor lacks a piece.
import type { SourceRegistry } from '../src/config/load.ts';
import type { SourceDefinition } from '../src/extract/source.ts';
import type { EmulatorKit } from '../emulators/shared/kit.ts';
import { ashby } from './ashby/index.ts';
import { greenhouse } from './greenhouse/index.ts';
import { lever } from './lever/index.ts';
import { workday } from './workday/index.ts';
import { workable } from './workable/index.ts';

export interface VendorKit {
  // each vendor has its own connection and session types
  readonly source: SourceDefinition<any, any>;
  readonly emulator: () => Promise<EmulatorKit>;
}

export const vendors: Readonly<Record<string, VendorKit>> = {
  greenhouse: { source: greenhouse, emulator: async () => (await import('../emulators/greenhouse/kit.ts')).kit },
  lever: { source: lever, emulator: async () => (await import('../emulators/lever/kit.ts')).kit },
  workday: { source: workday, emulator: async () => (await import('../emulators/workday/kit.ts')).kit },
  workable: { source: workable, emulator: async () => (await import('../emulators/workable/kit.ts')).kit },
  ashby: { source: ashby, emulator: async () => (await import('../emulators/ashby/kit.ts')).kit },
};

/** Every source hirelake can extract, by the `source:` name used in config. */
export const sources: SourceRegistry = Object.fromEntries(Object.entries(vendors).map(([name, v]) => [name, v.source]));
