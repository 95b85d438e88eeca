-- Workday publishes no per-job stage plan through the Recruiting API: a job's stages are the
-- workflow steps its applications have been seen in (stage_id is the step's name, unique within a
-- job), in the order the job first saw each. canonical_stage is added in core from the name.
with seen as (
  select connection, job_id, stage_id, min(entered_at) as first_seen
  from {{ ref('int_workday__stage_visits') }}
  group by connection, job_id, stage_id
  union all
  select connection, job_id, step_name, min(status_changed_at)
  from {{ ref('stg_workday__job_applications') }}
  where not is_hired and step_name is not null
  group by connection, job_id, step_name
),
steps as (
  select connection, job_id, stage_id, min(first_seen) as first_seen
  from seen
  where job_id is not null and stage_id is not null
  group by connection, job_id, stage_id
)
select
  connection,
  job_id,
  stage_id,
  stage_id as stage_name,
  cast(row_number() over (partition by connection, job_id order by first_seen, stage_id) - 1 as integer) as sort_order
from steps
