-- Lever's pipeline is account-wide, so every posting's plan is the account's non-lead stages.
-- sort_order is the stage's position in the pipeline as stageChanges recorded it (null for a
-- stage nobody has entered yet).
with positions as (
  select connection, to_stage_id as stage_id, min(to_stage_index) as sort_order
  from {{ ref('stg_lever__stage_changes') }}
  group by connection, to_stage_id
)
select
  p.connection,
  p.posting_id as job_id,
  s.stage_id,
  s.stage_name,
  cast(x.sort_order as integer) as sort_order
from {{ ref('stg_lever__postings') }} p
join {{ ref('stg_lever__stages') }} s on s.connection = p.connection and not s.is_lead
left join positions x on x.connection = s.connection and x.stage_id = s.stage_id
