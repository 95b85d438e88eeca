import { HttpError, linkHeaderPaginator, paginate } from '../../src/http/index.ts';
import { defineStream, type StreamDefinition, type StreamPage, type StreamReadRequest } from '../../src/extract/source.ts';
import type { GreenhouseSession } from './session.ts';


/** `updated_at=gte|<since>|lt|<until>`: Harvest v3's operator syntax for a half-open window. */
export function updatedAtFilter(since: Date | null, until: Date): string {
  return [...(since ? ['gte', since.toISOString()] : []), 'lt', until.toISOString()].join('|');
}

/**
 * Every Harvest v3 list endpoint hirelake reads works the same way: filter on updated_at (never
 * created_at, which misses stage moves and hires on old applications), follow the Link header's
 * opaque cursor, and land the records as they are. Only the path differs.
 */
function resourceStream(
  name: string,
  extra: Readonly<Record<string, string>> = {},
  opts: { primaryKey?: string; demographics?: boolean; full?: boolean } = {},
): StreamDefinition<GreenhouseSession> {
  const path = `/v3/${name}`;
  return defineStream<GreenhouseSession>({
    name,
    sync: opts.full ? 'full' : 'incremental',
    primaryKey: opts.primaryKey ?? 'id',
    ...(opts.demographics ? { demographics: true } : {}),
    cursorField: opts.full ? null : 'updated_at',
    async *read(session, req: StreamReadRequest): AsyncIterable<StreamPage> {
      // A resumed read follows the checkpointed next-page URL verbatim: a cursor request must
      // carry no other parameters.
      const window = opts.full ? {} : { updated_at: updatedAtFilter(req.window.since, req.window.until) };
      const first = req.resume
        ? { url: req.resume }
        : { url: path, query: { per_page: session.connection.per_page, ...extra, ...window } };
      for await (const page of paginate<unknown>(session.http, first, linkHeaderPaginator(), { signal: req.signal })) {
        yield { records: page.items, resume: page.next?.url ?? null };
      }
    },
    // Cursors expire; the API answers an expired one with 422.
    isStaleResume: (err) => err instanceof HttpError && err.status === 422,
  });
}

/**
 * Listing flags without which Harvest hides records other records name: Greenhouse's default
 * rejection reasons, and service accounts (which can organize interviews).
 */
export const LIST_FLAGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  rejection_reasons: { include_defaults: 'true' },
  users: { show_service_accounts: 'true' },
};

export const greenhouseStreams: readonly StreamDefinition<GreenhouseSession>[] = [
  'applications',
  'candidates',
  'jobs',
  'job_interview_stages',
  'application_stages',
  'offers',
  'interviews',
  'scorecards',
  'rejection_reasons',
  'sources',
  'departments',
  'offices',
  'users',
  'openings',
  'close_reasons',
  // Who hires: hiring teams, interview panels, attribute ratings, who gets credit.
  'job_owners',
  'job_hiring_managers',
  'interviewers',
  'scorecard_candidate_attributes',
  'job_candidate_attributes',
  'candidate_attribute_types',
  'referrers',
].map((name) => resourceStream(name, LIST_FLAGS[name])).concat(
  // EEOC answers: keyed by application (an application has at most one), opt-in per connection.
  resourceStream('eeoc', {}, { primaryKey: 'application_id', demographics: true }),
  // The account's own demographic questions (Greenhouse Inclusion), opt-in like EEOC. Questions and
  // answer options have no created_at / updated_at (and no time filter): re-read whole every run.
  // Deleted sets, questions and options stay listed (active: false): old answers still name them.
  resourceStream('demographic_question_sets', {}, { demographics: true }),
  resourceStream('demographic_questions', {}, { demographics: true, full: true }),
  resourceStream('demographic_answer_options', {}, { demographics: true, full: true }),
  resourceStream('demographic_answers', {}, { demographics: true }),
);
