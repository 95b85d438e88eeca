-- One row per job opening (headcount). v3 calls the human key opening_id; the record id is id.
select
  _connection as connection,
  _record_id as opening_id,
  job_id,
  opening_id as opening_key,
  cast(open as boolean) as is_open,
  {{ parse_timestamp('opened_at') }} as opened_at,
  {{ parse_timestamp('closed_at') }} as closed_at,
  close_reason_id,
  application_id,
  cast(target_start_on as date) as target_start_on,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'openings'),
  'job_id', 'opening_id', 'open', 'opened_at', 'closed_at', 'close_reason_id', 'application_id',
  'target_start_on', 'created_at', 'updated_at') }} r
where not _deleted
