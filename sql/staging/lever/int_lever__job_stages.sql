-- Lever's pipeline is account-wide, so every posting's plan is the account's non-lead stages, and
-- so is the plan of opportunities without a posting (job_id null). sort_order is the stage's
-- position in the pipeline as stageChanges recorded it (null for a stage nobody has entered yet).
with positions as (
  select connection, to_stage_id as stage_id, min(to_stage_index) as sort_order
  from {{ ref('stg_lever__stage_changes') }}
  group by connection, to_stage_id
),
plans as (
  -- Postings, and postings since deleted that opportunities still name (their plan is the same).
  select connection, posting_id as job_id from {{ ref('stg_lever__postings') }}
  union
  select distinct connection, posting_id from {{ ref('stg_lever__opportunities') }} where posting_id is not null
  union
  select distinct connection, cast(null as text) from {{ ref('stg_lever__stages') }}
)
select
  p.connection,
  p.job_id,
  s.stage_id,
  s.stage_name,
  cast(x.sort_order as integer) as sort_order
from plans p
join {{ ref('stg_lever__stages') }} s on s.connection = p.connection and not s.is_lead
left join positions x on x.connection = s.connection and x.stage_id = s.stage_id
