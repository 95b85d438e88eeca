-- marts.hiring_manager_summary: one row per connection and hiring manager: the jobs they are the
-- primary hiring manager of now (core.jobs.hiring_manager_id), whatever their status.
--   jobs, open_jobs (status open); applications (prospects excluded), active_pipeline (those still
--   active), hires; openings_filled and median_days_to_fill over the filled openings of those jobs
--   (marts.job_fill: opened → filled, calendar days).
--   hiring_manager_name: the user's name (core.users; null for a user the ATS deleted).
with jobs as (
  select connection, job_id, status, hiring_manager_id from {{ ref('jobs') }} where hiring_manager_id is not null
),
apps as (
  select a.connection, a.job_id, count(*) as applications,
    count(*) filter (where a.status = 'active') as active,
    count(*) filter (where a.status = 'hired') as hires
  from {{ ref('applications') }} a
  where not a.is_prospect and a.job_id is not null
  group by a.connection, a.job_id
),
fills as (
  -- Whole microseconds, so the median is the same double on every engine.
  select connection, job_id, {{ micros_between('opened_at', 'filled_at') }} as micros from {{ ref('job_fill') }} where days_to_fill is not null
),
by_manager as (
  select
    j.connection,
    j.hiring_manager_id,
    count(*) as jobs,
    count(*) filter (where j.status = 'open') as open_jobs,
    cast(coalesce(sum(a.applications), 0) as bigint) as applications,
    cast(coalesce(sum(a.active), 0) as bigint) as active_pipeline,
    cast(coalesce(sum(a.hires), 0) as bigint) as hires
  from jobs j
  left join apps a on a.connection = j.connection and a.job_id = j.job_id
  group by j.connection, j.hiring_manager_id
),
filled as (
  select j.connection, j.hiring_manager_id, count(*) as openings_filled, percentile_cont(0.5) within group (order by f.micros) / 86400000000.0 as median_days_to_fill
  from fills f
  join jobs j on j.connection = f.connection and j.job_id = f.job_id
  group by j.connection, j.hiring_manager_id
)
select
  m.connection,
  m.hiring_manager_id,
  u.full_name as hiring_manager_name,
  m.jobs,
  m.open_jobs,
  m.applications,
  m.active_pipeline,
  m.hires,
  coalesce(f.openings_filled, 0) as openings_filled,
  f.median_days_to_fill
from by_manager m
left join filled f on f.connection = m.connection and f.hiring_manager_id = m.hiring_manager_id
left join {{ ref('users') }} u on u.connection = m.connection and u.user_id = m.hiring_manager_id
