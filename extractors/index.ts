import type { SourceRegistry } from '../src/config/load.ts';
import { greenhouse } from './greenhouse/index.ts';
import { lever } from './lever/index.ts';
import { workday } from './workday/index.ts';

/** Every source hirelake can extract, by the `source:` name used in config. */
export const sources: SourceRegistry = { greenhouse, lever, workday };
