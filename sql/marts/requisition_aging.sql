-- marts.requisition_aging: one row per opening open now (opened, neither filled nor closed).
--   as_of: the connection's latest activity (newest application, visit start or end, as
--     stage_durations, or opening opened), so the ages depend on the data, not on when
--     it was built.
--   days_open: opened_at → as_of in calendar days; age_bucket on whole days: 0-29, 30-59, 60-89, 90+.
--   days_past_target_start: as_of's UTC date minus target_start_on, in days (negative: not due
--     yet); null without a target.
--   pipeline_*: the job's active applications (prospects left out) now in each canonical stage,
--     and pipeline_active all of them: the depth the opening is being filled from (shared by the
--     job's openings).
--   job_name, department_name, office_name: the job's, as in core.jobs.
with as_of as (
  select connection, max(activity_at) as as_of
  from (
    select connection, last_activity as activity_at from {{ ref('int_connection_activity') }}
    union all
    select connection, opened_at from {{ ref('openings') }}
  ) activity
  group by connection
),
pipeline as (
  select
    connection,
    job_id,
    count(*) as pipeline_active,
    count(*) filter (where current_canonical_stage = 'applied') as pipeline_applied,
    count(*) filter (where current_canonical_stage = 'screen') as pipeline_screen,
    count(*) filter (where current_canonical_stage = 'interview') as pipeline_interview,
    count(*) filter (where current_canonical_stage = 'offer') as pipeline_offer
  from {{ ref('applications') }}
  where status = 'active' and not is_prospect and job_id is not null
  group by connection, job_id
),
aged as (
  select o.*, x.as_of, {{ days_between('o.opened_at', 'x.as_of') }} as days_open
  from {{ ref('openings') }} o
  join as_of x on x.connection = o.connection
  where o.status = 'open' and o.opened_at is not null
)
select
  a.connection,
  a.opening_id,
  a.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  a.opening_key,
  a.is_backfill,
  a.opened_at,
  a.as_of,
  a.days_open,
  case when a.days_open < 30 then '0-29' when a.days_open < 60 then '30-59' when a.days_open < 90 then '60-89' else '90+' end as age_bucket,
  a.target_start_on,
  cast({{ utc_date('a.as_of') }} - a.target_start_on as integer) as days_past_target_start,
  cast(coalesce(p.pipeline_active, 0) as bigint) as pipeline_active,
  cast(coalesce(p.pipeline_applied, 0) as bigint) as pipeline_applied,
  cast(coalesce(p.pipeline_screen, 0) as bigint) as pipeline_screen,
  cast(coalesce(p.pipeline_interview, 0) as bigint) as pipeline_interview,
  cast(coalesce(p.pipeline_offer, 0) as bigint) as pipeline_offer
from aged a
left join {{ ref('jobs') }} j on j.connection = a.connection and j.job_id = a.job_id
left join pipeline p on p.connection = a.connection and p.job_id = a.job_id
