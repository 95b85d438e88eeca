-- materialized: table
-- One row per connection: its latest activity, the newest visit entry or exit or application. The
-- "now" of the marts that measure what is still open (stage_durations' open_days, pipeline_daily's
-- last day, interviewer_load's scorecards due, requisition_aging's ages), so they depend only on the
-- data, not on when they were built; built once for all of them.
select connection, max(activity_at) as last_activity
from (
  select connection, entered_at as activity_at from {{ ref('stage_visits') }}
  union all
  select connection, exited_at from {{ ref('stage_visits') }}
  union all
  select connection, applied_at from {{ ref('applications') }}
) activity
group by connection
