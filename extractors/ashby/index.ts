import { defineSource } from '../../src/extract/source.ts';
import { ashbyConnectionSchema, type AshbyConnection } from './config.ts';
import { ashbyPersonalData } from './personal-data.ts';
import { openAshby, type AshbySession } from './session.ts';
import { ashbyStreams } from './streams.ts';

/** Ashby's public API (API key, POST RPC endpoints, sync tokens). See README.md beside this file. */
export const ashby = defineSource<AshbyConnection, AshbySession>({
  name: 'ashby',
  connectionSchema: ashbyConnectionSchema,
  secrets: (c) => [c.credentials.api_key],
  streams: ashbyStreams,
  open: openAshby,
  personalData: ashbyPersonalData,
});
