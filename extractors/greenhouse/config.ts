import { z } from 'zod';
import { connectionBaseSchema } from '../../src/config/schema.ts';

/** A `source: greenhouse` connection (Harvest v3, OAuth client credentials). */
export const greenhouseConnectionSchema = connectionBaseSchema.extend({
  source: z.literal('greenhouse'),
  credentials: z.strictObject({
    client_id: z.string().min(1, 'expected the OAuth client id of a Harvest v3 custom integration'),
    client_secret: z.string().min(1, 'expected the OAuth client secret'),
    /** The Greenhouse user the token acts as (`sub`); list endpoints need a Site Admin. */
    user_id: z.union([z.string().regex(/^\d+$/, 'expected a numeric Greenhouse user id'), z.number().int().positive()]).transform(String),
  }),
  base_url: z.url().default('https://harvest.greenhouse.io'),
  token_url: z.url().default('https://auth.greenhouse.io/token'),
  /** Records per page; Harvest v3 allows 1–500. */
  per_page: z.number().int().min(1).max(500).default(500),
});

export type GreenhouseConnection = z.output<typeof greenhouseConnectionSchema>;
