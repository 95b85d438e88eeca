-- One row per opening (headcount). openingState: Draft, Approved, Open, Closed, Filled. The job is
-- the first of the latest version's jobIds.
select
  _connection as connection,
  _record_id as opening_id,
  opening_state,
  identifier,
  job_id,
  cast(is_archived as boolean) as is_archived,
  {{ parse_timestamp('opened_at') }} as opened_at,
  {{ parse_timestamp('closed_at') }} as closed_at,
  cast(target_start_date as date) as target_start_on,
  lower(is_backfill) = 'true' as is_backfill
from {{ payload_fields(source('ashby', 'openings'),
  'openingState as opening_state', 'latestVersion.identifier as identifier', 'latestVersion.jobIds[0] as job_id',
  'isArchived as is_archived', 'openedAt as opened_at', 'closedAt as closed_at',
  'latestVersion.targetStartDate as target_start_date', 'latestVersion.isBackfill as is_backfill') }} r
where not _deleted
