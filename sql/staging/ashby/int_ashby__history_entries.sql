-- Application history entries with their stage's type. Entries in a Lead, Hired or Archived stage
-- are where prospects, hires and rejected applications sit: they mark outcomes (the hire time is
-- entering Hired), not steps of the funnel. A stage's type comes from its plan's stage list, else
-- from the application that sits in it now; an entry whose stage no plan lists any more (deleted
-- from its plan) counts as a funnel step.
with stage_types as (
  select connection, stage_id, min(stage_type) as stage_type
  from (
    select connection, stage_id, stage_type from {{ ref('stg_ashby__interview_stages') }}
    union all
    select connection, current_stage_id, current_stage_type from {{ ref('stg_ashby__applications') }}
  ) t
  where stage_id is not null
  group by connection, stage_id
)
select
  h.*,
  t.stage_type,
  coalesce(t.stage_type, '') not in ('Lead', 'Hired', 'Archived') as is_pipeline
from {{ ref('stg_ashby__application_history') }} h
left join stage_types t on t.connection = h.connection and t.stage_id = h.stage_id
