-- marts.time_in_stage: one row per connection, job and canonical stage with any visit (job_id null:
-- applications without a job).
--   Each visit counts separately (a re-entry is a second visit). A visit is closed when it has an
--   end: the next move, or the rejection or hire that ended the application there, never "now".
--   avg/median/p90 are over closed visits, in calendar days (seconds / 86400); open visits are only
--   counted. Prospects and visits to unmapped stages are left out (see the unmapped_stage_names test).
--   avg_days is the exact sum of whole microseconds over the count, so identical data gives
--   identical bits on every run and engine (a floating-point sum depends on the order of rows).
with visits as (
  select
    v.connection,
    v.job_id,
    v.canonical_stage,
    v.exited_at,
    {{ micros_between('v.entered_at', 'v.exited_at') }} as micros,
    {{ days_between('v.entered_at', 'v.exited_at') }} as days
  from {{ ref('stage_visits') }} v
  where v.canonical_stage is not null and v.entered_at is not null
    -- Prospects' visits out: an anti join against the prospects only (see pipeline_daily).
    and not exists (select 1 from {{ ref('applications') }} a where a.connection = v.connection and a.application_id = v.application_id and a.is_prospect)
)
select
  connection,
  job_id,
  canonical_stage,
  count(exited_at) as closed_visits,
  count(*) - count(exited_at) as open_visits,
  cast(sum(micros) as double precision) / nullif(count(micros), 0) / 86400000000.0 as avg_days,
  percentile_cont(0.5) within group (order by days) as median_days,
  percentile_cont(0.9) within group (order by days) as p90_days
from visits
group by connection, job_id, canonical_stage
