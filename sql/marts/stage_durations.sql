-- incremental_key: application_id
-- incremental_input: stage_visits application_id
-- incremental_input: applications application_id
-- incremental_refresh: int_connection_activity exited_at is null
-- marts.stage_durations: one row per visit to a mapped stage by an application in the pipeline, job
-- or no job (prospects, unmapped stages and visits without an entry time left out, as in
-- time_in_stage). time_in_stage per visit, so medians and percentiles can be taken over any
-- filtered set of visits (they cannot be combined from per-job medians).
--   days: entered_at → exited_at in calendar days, null while the visit is open.
--   open_days: for an open visit, entered_at → the connection's latest activity (newest visit,
--   outcome or application, as pipeline_daily's last day) in calendar days; null once closed. So
--   "stuck for more than N days" depends only on the data, not on when it was built.
--   job_name, department_name, office_name: the job's, as in core.jobs.
select
  v.connection,
  v.visit_id,
  v.application_id,
  v.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  v.canonical_stage,
  v.entered_at,
  v.exited_at,
  {{ days_between('v.entered_at', 'v.exited_at') }} as days,
  case when v.exited_at is null then {{ days_between('v.entered_at', 'x.last_activity') }} end as open_days
from {{ ref('stage_visits') }} v
left join {{ ref('applications') }} a on a.connection = v.connection and a.application_id = v.application_id
left join {{ ref('jobs') }} j on j.connection = v.connection and j.job_id = v.job_id
join {{ ref('int_connection_activity') }} x on x.connection = v.connection
where v.canonical_stage is not null and v.entered_at is not null and not coalesce(a.is_prospect, false)
