-- Lever stage visits from stageChanges: each entry into a non-lead stage is a visit that lasts
-- until the next entry. The last visit of an archived opportunity stays open here; core ends it at
-- the hire or rejection (archivedAt). Lead stages are prospecting, not part of the funnel.
with entries as (
  select connection, opportunity_id, change_index, to_stage_id, entered_at
  from {{ ref('stg_lever__stage_changes') }}
  where to_stage_id not like 'lead-%'
)
select
  e.connection,
  e.opportunity_id || ':' || cast(e.change_index as text) as visit_id,
  e.opportunity_id as application_id,
  a.job_id,
  e.to_stage_id as stage_id,
  e.entered_at,
  lead(e.entered_at) over (partition by e.connection, e.opportunity_id order by e.entered_at, e.change_index) as exited_at
from entries e
join {{ ref('int_lever__applications') }} a on a.connection = e.connection and a.application_id = e.opportunity_id
