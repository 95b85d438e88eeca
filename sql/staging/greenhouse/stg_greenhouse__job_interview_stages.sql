-- One row per stage of a job's interview plan.
select
  _connection as connection,
  _record_id as stage_id,
  job_id,
  name as stage_name,
  cast(sort_order as integer) as sort_order,
  cast(active as boolean) as is_active,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'job_interview_stages'),
  'job_id', 'name', 'sort_order', 'active', 'created_at', 'updated_at') }} r
where not _deleted
