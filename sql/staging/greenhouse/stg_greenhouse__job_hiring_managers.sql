-- One row per hiring manager of a job (Harvest v3 job_hiring_managers; no primary flag).
select
  _connection as connection,
  _record_id as job_hiring_manager_id,
  job_id,
  user_id,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'job_hiring_managers'), 'job_id', 'user_id', 'created_at', 'updated_at') }} r
where not _deleted
