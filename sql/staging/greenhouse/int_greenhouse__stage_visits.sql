-- Greenhouse stage visits in the canonical shape; the job comes from the stage's plan.
select
  v.connection,
  v.visit_id,
  v.application_id,
  st.job_id,
  v.stage_id,
  v.entered_at,
  v.exited_at
from {{ ref('stg_greenhouse__application_stages') }} v
left join {{ ref('stg_greenhouse__job_interview_stages') }} st on st.connection = v.connection and st.stage_id = v.stage_id
