import { defineSource } from '../../src/extract/source.ts';
import { workableConnectionSchema, type WorkableConnection } from './config.ts';
import { workablePersonalData } from './personal-data.ts';
import { openWorkable, type WorkableSession } from './session.ts';
import { workableStreams } from './streams.ts';

/** Workable SPI v3 (account access token). See README.md beside this file. */
export const workable = defineSource<WorkableConnection, WorkableSession>({
  name: 'workable',
  connectionSchema: workableConnectionSchema,
  secrets: (c) => [c.credentials.token],
  streams: workableStreams,
  open: openWorkable,
  personalData: workablePersonalData,
});
