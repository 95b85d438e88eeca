import { defineSource } from '../../src/extract/source.ts';
import { workdayPersonalData } from './personal-data.ts';
import { workdayConnectionSchema, type WorkdayConnection } from './config.ts';
import { openWorkday, type WorkdaySession } from './session.ts';
import { workdayStreams } from './streams.ts';

/** Workday Recruiting (SOAP web service + optional RaaS report). See README.md beside this file. */
export const workday = defineSource<WorkdayConnection, WorkdaySession>({
  name: 'workday',
  connectionSchema: workdayConnectionSchema,
  secrets: (c) => [c.credentials.password],
  streams: workdayStreams,
  personalData: workdayPersonalData,
  open: openWorkday,
});
