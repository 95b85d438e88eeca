import { z } from 'zod';
import { connectionBaseSchema } from '../../src/config/schema.ts';

/** A `source: lever` connection (Lever v1 with an API key). */
export const leverConnectionSchema = connectionBaseSchema.extend({
  source: z.literal('lever'),
  credentials: z.strictObject({
    /** A Lever API key (Settings → Integrations and API → API credentials), with read access and confidential-data access. */
    api_key: z.string().min(1, 'expected a Lever API key'),
  }),
  base_url: z.url().default('https://api.lever.co/v1'),
  /** Records per page; Lever allows 1–100. */
  page_size: z.number().int().min(1).max(100).default(100),
});

export type LeverConnection = z.output<typeof leverConnectionSchema>;
