-- One row per stage visit (Harvest v3 application_stages). The visit an application is in when it
-- is rejected or hired stays current with exited_at null; core.stage_visits derives its end.
select
  _connection as connection,
  _record_id as visit_id,
  application_id,
  job_interview_stage_id as stage_id,
  {{ parse_timestamp('entered_at') }} as entered_at,
  {{ parse_timestamp('exited_at') }} as exited_at,
  cast("current" as boolean) as is_current,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'application_stages'),
  'application_id', 'job_interview_stage_id', 'entered_at', 'exited_at', 'current', 'updated_at') }} r
where not _deleted
