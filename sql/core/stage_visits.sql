-- incremental_key: application_id
-- incremental_input: greenhouse.application_stages application_id
-- incremental_input: applications application_id
-- core.stage_visits: one row per stay of an application in a stage, job or no job.
-- A visit's end is the next move, or for the visit an application was in when it was rejected or
-- hired, that outcome's time (vendors leave it open). Only visits of active applications stay open.
-- The stage's name and canonical stage come from the plan of the visit's job (for an application
-- without a job, the account-wide plan its vendor has, job_id null in core.job_stages).
with visits as (
  {{ vendor_union('stage_visits', 'connection, visit_id, application_id, job_id, stage_id, entered_at, exited_at') }}
)
select
  v.connection,
  v.visit_id,
  v.application_id,
  coalesce(v.job_id, a.job_id) as job_id,
  v.stage_id,
  js.stage_name,
  js.canonical_stage,
  v.entered_at,
  coalesce(
    v.exited_at,
    case a.status when 'rejected' then a.rejected_at when 'hired' then a.hired_at end
  ) as exited_at
from visits v
left join {{ ref('applications') }} a on a.connection = v.connection and a.application_id = v.application_id
left join {{ ref('job_stages') }} js
  on js.connection = v.connection and coalesce(js.job_id, '') = coalesce(v.job_id, a.job_id, '') and js.stage_id = v.stage_id
