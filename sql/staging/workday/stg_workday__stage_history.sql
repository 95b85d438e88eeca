-- One row per move of a job application into a workflow step, from the customer's RaaS report
-- (connections[].stage_history_report). The extractor lifts the report's own column names to these
-- fixed ones; connections without a report have no rows here.
select
  _connection as connection,
  job_application_id as application_id,
  step as step_name,
  recruiting_stage,
  coalesce(lower(recruiting_stage) = 'ready for hire' or lower(step) = 'ready for hire', false) as is_hire,
  {{ parse_timestamp('moved_at') }} as moved_at
from {{ payload_fields(source('workday', 'stage_history'), 'job_application_id', 'step', 'recruiting_stage', 'moved_at') }} r
where not _deleted
