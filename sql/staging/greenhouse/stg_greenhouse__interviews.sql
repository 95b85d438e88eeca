-- One row per scheduled interview.
select
  _connection as connection,
  _record_id as interview_id,
  application_id,
  job_id,
  job_interview_id,
  status as vendor_status,
  {{ parse_timestamp('starts_at') }} as start_at,
  {{ parse_timestamp('ends_at') }} as end_at,
  organizer_id,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'interviews'),
  'application_id', 'job_id', 'job_interview_id', 'status', 'starts_at', 'ends_at', 'organizer_id',
  'created_at', 'updated_at') }} r
where not _deleted
