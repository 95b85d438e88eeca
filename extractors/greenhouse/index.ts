import { defineSource } from '../../src/extract/source.ts';
import { greenhousePersonalData } from './personal-data.ts';
import { greenhouseConnectionSchema, type GreenhouseConnection } from './config.ts';
import { openGreenhouse, type GreenhouseSession } from './session.ts';
import { greenhouseStreams } from './streams.ts';

/** Greenhouse Harvest v3 (OAuth client credentials). See README.md beside this file. */
export const greenhouse = defineSource<GreenhouseConnection, GreenhouseSession>({
  name: 'greenhouse',
  connectionSchema: greenhouseConnectionSchema,
  secrets: (c) => [c.credentials.client_secret, c.credentials.client_id],
  streams: greenhouseStreams,
  personalData: greenhousePersonalData,
  open: openGreenhouse,
});
