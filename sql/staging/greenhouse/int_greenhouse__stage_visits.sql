-- Greenhouse stage visits in the canonical shape; the job comes from the stage's plan.
-- A past row without exited_at (the reference: entered_at and exited_at are null "for backfilled or
-- partially recorded history") ended when a later visit of the application began; only the
-- current row stays open for core to end at the rejection or hire.
select
  v.connection,
  v.visit_id,
  v.application_id,
  st.job_id,
  v.stage_id,
  v.entered_at,
  case
    when v.exited_at is null and not coalesce(v.is_current, false) then min(v.entered_at) over (
      partition by v.connection, v.application_id order by v.entered_at nulls first, v.visit_id
      rows between 1 following and unbounded following)
    else v.exited_at
  end as exited_at
from {{ ref('stg_greenhouse__application_stages') }} v
left join {{ ref('stg_greenhouse__job_interview_stages') }} st on st.connection = v.connection and st.stage_id = v.stage_id
