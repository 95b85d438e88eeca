-- Ashby stages belong to interview plans, and a job uses its default plan (and any other plan its
-- applications sit in): a job's stages are the funnel stages of those plans. Lead, Hired and
-- Archived stages are outcomes, not steps of the funnel. sort_order is orderInInterviewPlan.
with plans as (
  select connection, job_id, default_interview_plan_id as interview_plan_id
  from {{ ref('stg_ashby__jobs') }}
  where default_interview_plan_id is not null
  union
  select connection, job_id, interview_plan_id
  from {{ ref('stg_ashby__applications') }}
  where interview_plan_id is not null and job_id is not null
)
select distinct
  p.connection,
  p.job_id,
  s.stage_id,
  s.stage_name,
  s.sort_order
from plans p
join {{ ref('stg_ashby__interview_stages') }} s on s.connection = p.connection and s.interview_plan_id = p.interview_plan_id
where s.stage_type not in ('Lead', 'Hired', 'Archived')
