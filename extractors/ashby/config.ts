import { z } from 'zod';
import { connectionBaseSchema } from '../../src/config/schema.ts';

const rate = z.strictObject({ requests: z.number().int().positive(), per_seconds: z.number().positive() });

/** A `source: ashby` connection (Ashby's public API with an API key). */
export const ashbyConnectionSchema = connectionBaseSchema.extend({
  source: z.literal('ashby'),
  credentials: z.strictObject({
    /** An Ashby API key (Admin → Integrations → API Keys) with read permissions; see README.md. */
    api_key: z.string().min(1, 'expected an Ashby API key'),
  }),
  base_url: z.url().default('https://api.ashbyhq.com'),
  /** Records per page; Ashby allows 1–100. */
  page_size: z.number().int().min(1).max(100).default(100),
  /**
   * application.listHistory has its own budget (Ashby: 100 requests a minute). Default: that, or
   * `rate_limit` when the connection sets one (a raised quota, or pacing switched off).
   */
  history_rate_limit: rate.optional(),
  /**
   * Ashby's sync tokens report changes, not deletions: every this many days a stream re-reads
   * everything once and marks what Ashby no longer lists as deleted. null: only on --full-refresh
   * or when Ashby refuses the token.
   */
  full_resync_days: z.number().int().min(1).nullable().default(7),
})
  // Ashby's API never returns EEOC or diversity answers (README.md: Privacy). Accepting the switch
  // would build a diversity funnel in which everyone is "No response".
  .refine((c) => !c.demographics, {
    path: ['demographics'],
    message: "Ashby's API does not return EEOC or diversity survey answers (surveySubmission.list has no such survey type), so there is nothing to extract: remove demographics (or set it to false)",
  });

export type AshbyConnection = z.output<typeof ashbyConnectionSchema>;
