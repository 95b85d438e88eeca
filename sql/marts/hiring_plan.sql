-- marts.hiring_plan: one row per connection, department and month: the openings due to start that
-- month (by target_start_on) against what was filled, and the hires made that month.
--   openings_due: openings whose target start date falls in the month;
--   due_filled: of those, filled by a hire (whenever); due_filled_on_time: filled on or before the
--     target date (the hire's UTC date); due_open: still open;
--   fill_rate = due_filled / openings_due; on_time_rate = due_filled_on_time / openings_due;
--   avg_slippage_days: over the due openings filled, the hire's UTC date minus the target date,
--     in days (negative: early);
--   hires: openings filled in the month (by the hire's UTC date), whatever their target.
-- department_name is the job's (core.jobs); null when the job has none or is gone. Openings
-- without a target date count only as hires. Months are UTC.
with openings as (
  select
    o.connection,
    j.department_name,
    o.status,
    o.target_start_on,
    case when o.status = 'filled' then {{ utc_date('o.closed_at') }} end as filled_on
  from {{ ref('openings') }} o
  left join {{ ref('jobs') }} j on j.connection = o.connection and j.job_id = o.job_id
),
due as (
  select
    connection,
    department_name,
    cast(date_trunc('month', cast(target_start_on as timestamp)) as date) as month,
    count(*) as openings_due,
    count(*) filter (where filled_on is not null) as due_filled,
    count(*) filter (where filled_on <= target_start_on) as due_filled_on_time,
    count(*) filter (where status = 'open') as due_open,
    avg(cast(filled_on - target_start_on as double precision)) as avg_slippage_days
  from openings
  where target_start_on is not null
  group by connection, department_name, cast(date_trunc('month', cast(target_start_on as timestamp)) as date)
),
hires as (
  select connection, department_name, cast(date_trunc('month', cast(filled_on as timestamp)) as date) as month, count(*) as hires
  from openings
  where filled_on is not null
  group by connection, department_name, cast(date_trunc('month', cast(filled_on as timestamp)) as date)
)
select
  coalesce(d.connection, h.connection) as connection,
  coalesce(d.department_name, h.department_name) as department_name,
  coalesce(d.month, h.month) as month,
  cast(coalesce(d.openings_due, 0) as bigint) as openings_due,
  cast(coalesce(d.due_filled, 0) as bigint) as due_filled,
  cast(coalesce(d.due_filled_on_time, 0) as bigint) as due_filled_on_time,
  cast(coalesce(d.due_open, 0) as bigint) as due_open,
  cast(coalesce(h.hires, 0) as bigint) as hires,
  {{ ratio('d.due_filled', 'd.openings_due') }} as fill_rate,
  {{ ratio('d.due_filled_on_time', 'd.openings_due') }} as on_time_rate,
  d.avg_slippage_days
from due d
full join hires h on h.connection = d.connection and h.department_name is not distinct from d.department_name and h.month = d.month
