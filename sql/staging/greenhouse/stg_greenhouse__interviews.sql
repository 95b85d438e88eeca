-- One row per scheduled interview.
select
  _connection as connection,
  _record_id as interview_id,
  application_id,
  job_id,
  job_interview_id,
  status as vendor_status,
  cast(starts_at as timestamptz) as start_at,
  cast(ends_at as timestamptz) as end_at,
  organizer_id,
  cast(created_at as timestamptz) as created_at,
  cast(updated_at as timestamptz) as updated_at
from {{ payload_fields(source('greenhouse', 'interviews'),
  'application_id', 'job_id', 'job_interview_id', 'status', 'starts_at', 'ends_at', 'organizer_id',
  'created_at', 'updated_at') }} r
where not _deleted
