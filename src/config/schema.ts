import { z } from 'zod';
import { isIdentifier } from '../engine/identifiers.ts';
import { customFieldsSchema } from './custom-fields.ts';
import { scheduleProblem, type Schedule } from '../schedule/cron.ts';

const identifier = z.string().refine(isIdentifier, {
  message: 'expected a lowercase identifier (letters, digits and _, starting with a letter or _)',
});

export const CANONICAL_STAGES = ['applied', 'screen', 'interview', 'offer', 'hired'] as const;
export type CanonicalStage = (typeof CANONICAL_STAGES)[number];

const isoDate = z
  .union([z.string(), z.date()])
  .transform((v, ctx) => {
    const d = v instanceof Date ? v : new Date(v);
    if (Number.isNaN(d.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'expected a date such as 2020-01-01 or an ISO 8601 timestamp' });
      return z.NEVER;
    }
    return d;
  });

const memorySize = z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|KiB|MiB|GiB)$/i, 'expected a size such as 512MB');

const duckdbWarehouse = z.strictObject({
  engine: z.literal('duckdb'),
  path: z.string().min(1).default('./hirelake.duckdb'),
  /** DuckDB's own buffer memory; bounds RSS on large syncs. */
  memory_limit: memorySize.default('512MB'),
  /** DuckDB's buffer memory while models build (default: memory_limit, at least 256MB); see open-engine. */
  transform_memory_limit: memorySize.optional(),
  /** DuckDB's threads for query work (default: one per core); landing runs on one. */
  threads: z.number().int().positive().optional(),
});

const postgresWarehouse = z.strictObject({
  engine: z.literal('postgres'),
  url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL'),
  /** Prefix for every schema hirelake creates (raw, core, marts, hirelake), e.g. `hl_` → `hl_raw`. */
  schema_prefix: z.string().regex(/^[a-z_][a-z0-9_]{0,20}$/, 'expected a short lowercase prefix such as hl_').default(''),
  pool_size: z.number().int().min(1).max(32).default(4),
});

export const warehouseSchema = z.discriminatedUnion('engine', [duckdbWarehouse, postgresWarehouse]);
export type WarehouseConfig = z.output<typeof warehouseSchema>;

/** Fields every connection has, whatever its source; each source adds its own (see extractors/). */
/**
 * A start_date in the future would skip every record updated before it, and once a watermark
 * passed it, correcting the date could no longer bring that history back.
 */
const startDate = isoDate.refine((d) => d.getTime() <= Date.now(), { message: 'is in the future; use a past date (or leave start_date out to read all history)' });

/**
 * When `hirelake worker` extracts the connection: a cron expression ("0 * * * *", "@hourly"),
 * read in UTC unless a time zone is given.
 */
const scheduleSchema = z
  .union([z.string().min(1), z.strictObject({ cron: z.string().min(1), timezone: z.string().min(1).default('UTC') })])
  .transform((v, ctx) => {
    const s: Schedule = typeof v === 'string' ? { cron: v.trim(), timezone: 'UTC' } : { cron: v.cron.trim(), timezone: v.timezone };
    const problem = scheduleProblem(s);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return s;
  });

export const connectionBaseSchema = z.object({
  name: identifier,
  source: z.string(),
  start_date: startDate.optional(),
  /** Re-read changes this far behind the last watermark: the vendor's read-after-write lag. */
  lookback_minutes: z.number().int().min(0).max(7 * 24 * 60).default(15),
  /** Only these streams (default: all the source has). */
  streams: z.array(z.string()).nonempty().optional(),
  /** Vendor stage name → canonical stage, over the name-based default. */
  stage_mapping: z.record(z.string(), z.enum(CANONICAL_STAGES)).default({}),
  /**
   * Override the vendor's documented rate limit, e.g. when a customer has a raised quota. Bounded
   * so that no configured window outlasts a run's timers (a day) or floods the vendor.
   */
  rate_limit: z
    .strictObject({
      requests: z.number().int('expected a whole number of requests').min(1, 'expected at least 1 request').max(1_000_000, 'expected at most 1000000 requests per window'),
      per_seconds: z
        .number()
        .positive('expected a window of more than 0 seconds')
        .max(86_400, 'expected a window of at most 86400 seconds (one day); hirelake waits for a rate limit inside a run, not across days'),
    })
    .optional(),
  /** Largest response body accepted, after decompression, in MiB; a larger one fails the stream. */
  max_response_mb: z.number().int('expected a whole number of MiB').min(1, 'expected at least 1 MiB').max(512, 'expected at most 512 MiB (the longest string Node can parse as JSON)').default(64),
  /** When the worker fleet extracts it (cron); connections without one run only when enqueued. */
  schedule: scheduleSchema.optional(),
  /** Parallel streams within this connection; requests still share one rate limit. */
  concurrency: z.number().int().min(1).max(16).default(4),
  /**
   * Extract the vendor's voluntary self-identification (EEO) answers. Off unless set: they land in
   * their own raw table, reach core only as application id + category + answer, and the marts
   * only through small-cell suppression (README: Privacy).
   */
  demographics: z.boolean().default(false),
});
export type ConnectionBase = z.output<typeof connectionBaseSchema>;

export const modelsSchema = z
  .strictObject({
    /** Candidate names, emails and phones stay out of core tables unless this is true. */
    include_pii: z.boolean().default(false),
  })
  .default({ include_pii: false });

export const dashboardSchema = z
  .strictObject({
    /**
     * The small-cell rule of `hirelake report` and `serve`: a number or rate built from fewer
     * applications than this shows as "<min_cell" instead (1 turns the rule off).
     */
    min_cell: z.number().int().min(1).max(1_000).default(5),
  })
  .default({ min_cell: 5 });
export type DashboardConfig = z.output<typeof dashboardSchema>;

export const privacySchema = z
  .strictObject({
    /**
     * marts.diversity_funnel: a count below this is suppressed (null), and enough other cells with
     * it that none can be worked out from the totals.
     */
    min_cell: z.number().int().min(2, 'expected at least 2 (1 would suppress nothing)').max(1_000).default(5),
  })
  .default({ min_cell: 5 });
export type PrivacyConfig = z.output<typeof privacySchema>;

export const rawSchema = z
  .strictObject({
    /**
     * Drop raw versions landed more than this many days ago, except each record's newest version
     * (null: keep every version, the default).
     */
    retention_days: z.number().int().min(1, 'expected at least 1 day').max(36_500).nullable().default(null),
  })
  .default({ retention_days: null });
export type RawConfig = z.output<typeof rawSchema>;

/** What an export sends: `core.applications`, `marts.*`, `core.stage_*` (a model of core or marts). */
const exportTablePattern = z
  .string()
  .regex(/^(core|marts|\*)\.[a-z0-9_*]{1,63}$/, 'expected schema.table with schema core or marts, e.g. core.applications or marts.*');
const exportTableName = z.string().regex(/^(core|marts)\.[a-z_][a-z0-9_]{0,62}$/, 'expected core.<table> or marts.<table>');

const exportCommon = {
  name: identifier,
  /** Default: every table of core and marts. */
  tables: z.array(exportTablePattern).nonempty().default(['core.*', 'marts.*']),
};

const postgresExport = z.strictObject({
  ...exportCommon,
  type: z.literal('postgres'),
  url: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// connection URL'),
  /** Every exported table lands here under its model name; created when missing. */
  schema: identifier,
  /**
   * Tables merged by key from the rows that changed since the last export instead of reloaded; the
   * key defaults to connection + the model's declared unique key. [] reloads every table.
   */
  merge: z
    .array(z.union([exportTableName, z.strictObject({ table: exportTableName, key: z.array(identifier).nonempty() })]))
    .default(['core.applications', 'core.candidates', 'core.stage_visits', 'core.interviews', 'core.scorecards']),
  /** How long the swap waits for readers holding the old table before giving up (the old table stays). */
  lock_timeout_seconds: z.number().int().min(1).max(3600).default(60),
});

const parquetExport = z.strictObject({
  ...exportCommon,
  type: z.literal('parquet'),
  path: z.string().min(1),
  compression: z.enum(['zstd', 'snappy', 'gzip', 'lz4', 'brotli', 'uncompressed']).default('zstd'),
  row_group_size: z.number().int().min(1_024).max(10_000_000).default(122_880),
  /** Hive partition column, used for the tables that have it; null writes one folder of files per table. */
  partition_by: identifier.nullable().default('connection'),
});

const csvExport = z.strictObject({
  ...exportCommon,
  type: z.literal('csv'),
  path: z.string().min(1),
});

export const exportSchema = z.discriminatedUnion('type', [postgresExport, parquetExport, csvExport]);
export type ExportConfig = z.output<typeof exportSchema>;

export const exportsSchema = z
  .array(exportSchema)
  .default([])
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((e, i) => {
      if (seen.has(e.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `"${e.name}" is used by two exports; names must be unique` });
      seen.add(e.name);
    });
  });

/** `hirelake worker` (the fleet on a Postgres job queue). */
export const workerSchema = z
  .strictObject({
    /** Failed attempts of one extract before it is parked (dead-lettered) until `hirelake enqueue`. */
    max_attempts: z.number().int().min(1).max(25).default(8),
    /** How often each worker checks the connections' schedules for a due time. */
    tick_seconds: z.number().min(1).max(3600).default(15),
    /** How often an idle worker polls for jobs that became due (new jobs arrive by LISTEN/NOTIFY at once). */
    poll_seconds: z.number().min(0.1).max(600).default(2),
  })
  .default({ max_attempts: 8, tick_seconds: 15, poll_seconds: 2 });
export type WorkerConfig = z.output<typeof workerSchema>;

export const configFileSchema = z.strictObject({
  /** Connections extracted at once (each holds Postgres sessions and an HTTP pool). */
  concurrency: z.number().int().min(1).max(256).default(4),
  warehouse: warehouseSchema.default({ engine: 'duckdb', path: './hirelake.duckdb', memory_limit: '512MB' }),
  connections: z.array(z.looseObject(connectionBaseSchema.shape)).min(1, 'expected at least one connection'),
  models: modelsSchema,
  exports: exportsSchema,
  worker: workerSchema,
  dashboard: dashboardSchema,
  custom_fields: customFieldsSchema,
  privacy: privacySchema,
  raw: rawSchema,
});
