-- One row per recruiter, coordinator or sourcer on a job's hiring team (Harvest v3 job_owners).
-- responsible marks the job's primary recruiter and coordinator (always false for sourcers).
select
  _connection as connection,
  _record_id as job_owner_id,
  job_id,
  user_id,
  type as role,
  cast(responsible as boolean) as is_responsible,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'job_owners'), 'job_id', 'user_id', 'type', 'responsible', 'created_at', 'updated_at') }} r
where not _deleted
