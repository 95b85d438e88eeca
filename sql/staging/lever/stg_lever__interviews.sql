-- One row per scheduled interview. date is the start (epoch ms) and duration is in minutes.
select
  _connection as connection,
  _record_id as interview_id,
  opportunity_id,
  posting_id,
  panel_id,
  stage_id,
  organizer_id,
  {{ epoch_ms('start_ms') }} as start_at,
  to_timestamp((cast(start_ms as bigint) + cast(duration_minutes as bigint) * 60000) / 1000.0) as end_at,
  {{ epoch_ms('canceled_at') }} as canceled_at,
  {{ epoch_ms('created_at') }} as created_at
from {{ payload_fields(source('lever', 'interviews'),
  'opportunityId as opportunity_id', 'postings[0] as posting_id', 'panel as panel_id', 'stage as stage_id',
  'user as organizer_id', 'date as start_ms', 'duration as duration_minutes', 'canceledAt as canceled_at',
  'createdAt as created_at') }} r
where not _deleted
