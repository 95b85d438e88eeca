import { z } from 'zod';
import { connectionBaseSchema } from '../../src/config/schema.ts';

/** A `source: workable` connection (Workable SPI v3 with an account access token). */
export const workableConnectionSchema = connectionBaseSchema
  .extend({
    source: z.literal('workable'),
    /** The account's subdomain: `acme` for https://acme.workable.com. */
    subdomain: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'expected the account subdomain, e.g. acme for acme.workable.com'),
    credentials: z.strictObject({
      /** An API access token (Settings → Integrations → Access token) with the r_jobs and r_candidates scopes. */
      token: z.string().min(1, 'expected a Workable API access token'),
    }),
    /** Default https://<subdomain>.workable.com/spi/v3; override for an emulator. */
    base_url: z.url().optional(),
    /** Records per page; Workable allows up to 100. */
    page_size: z.number().int().min(1).max(100).default(100),
  })
  // Workable keeps EEO survey answers to its own reports: no SPI v3 endpoint or candidate field
  // returns them (README.md: Privacy). Accepting the switch would build a diversity funnel in
  // which everyone is "No response".
  .refine((c) => !c.demographics, {
    path: ['demographics'],
    message: "Workable's API does not return EEO / voluntary self-identification answers (they stay in Workable's EEO/OFCCP reports), so there is nothing to extract: remove demographics (or set it to false)",
  })
  .transform((c) => ({ ...c, base_url: c.base_url ?? `https://${c.subdomain}.workable.com/spi/v3` }));

export type WorkableConnection = z.output<typeof workableConnectionSchema>;
