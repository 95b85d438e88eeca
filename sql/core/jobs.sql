-- core.jobs: one row per job (requisition), every vendor unioned, with the primary recruiter and
-- hiring manager of its team (core.job_team) and its promoted custom fields (config custom_fields).
with unioned as (
  {{ vendor_union('jobs', 'connection, job_id, name, status, department_name, office_name, opened_at, closed_at, created_at') }}
),
primaries as (
  select
    connection,
    job_id,
    min(case when role = 'recruiter' then user_id end) as recruiter_id,
    min(case when role = 'hiring_manager' then user_id end) as hiring_manager_id
  from {{ ref('job_team') }}
  where is_primary
  group by connection, job_id
)
select
  u.connection,
  u.job_id,
  u.name,
  u.status,
  u.department_name,
  u.office_name,
  u.opened_at,
  u.closed_at,
  u.created_at,
  p.recruiter_id,
  p.hiring_manager_id{{ promoted_columns('jobs', 'cf') }}
from unioned u
left join primaries p on p.connection = u.connection and p.job_id = u.job_id
left join {{ promoted_pivot('jobs') }} cf on cf.connection = u.connection and cf.record_id = u.job_id
