import { defineSource } from '../../src/extract/source.ts';
import { leverPersonalData } from './personal-data.ts';
import { leverConnectionSchema, type LeverConnection } from './config.ts';
import { openLever, type LeverSession } from './session.ts';
import { leverStreams } from './streams.ts';

/** Lever v1 (API key). See README.md beside this file. */
export const lever = defineSource<LeverConnection, LeverSession>({
  name: 'lever',
  connectionSchema: leverConnectionSchema,
  secrets: (c) => [c.credentials.api_key],
  streams: leverStreams,
  personalData: leverPersonalData,
  open: openLever,
});
