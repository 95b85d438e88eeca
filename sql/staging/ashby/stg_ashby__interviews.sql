-- One row per interview definition (what is held; interview events are when).
select
  _connection as connection,
  _record_id as interview_id,
  title,
  job_id
from {{ payload_fields(source('ashby', 'interviews'), 'title', 'jobId as job_id') }} r
where not _deleted
