-- marts.funnel: one row per connection, job, application month (UTC) and canonical stage. Applications
-- without a job are one more "job": job_id null.
-- Cohort by application date: an application counts in the month it applied, whatever happened later.
--   reached: applications whose furthest stage is this one or later (implied pass-through: skipped
--     stages count as passed; backward moves and re-entries count once).
--   visited: applications with at least one visit to a stage of this class (hires visit hired).
--   conversion_from_previous: reached / reached at the previous stage (null for applied or when 0).
-- Prospects are excluded. Every cohort has all five stages, with zeros where nobody got that far.
-- job_name, department_name, office_name: the job's, as in core.jobs (for filtering and splitting).
with progress as (
  select * from {{ ref('int_applications_progressed') }}
),
stages as (
  select canonical_stage, cast(stage_order as integer) as stage_order from {{ ref('canonical_stages') }}
),
counts as (
  select
    p.connection,
    p.job_id,
    p.applied_month,
    s.canonical_stage,
    s.stage_order,
    count(*) filter (where p.furthest_stage_order >= s.stage_order) as reached,
    count(*) filter (where case s.canonical_stage
      when 'applied' then p.visited_applied
      when 'screen' then p.visited_screen
      when 'interview' then p.visited_interview
      when 'offer' then p.visited_offer
      when 'hired' then p.visited_hired
    end) as visited
  from progress p
  cross join stages s
  group by p.connection, p.job_id, p.applied_month, s.canonical_stage, s.stage_order
)
select
  c.connection,
  c.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  c.applied_month,
  c.canonical_stage,
  c.stage_order,
  c.reached,
  c.visited,
  {{ ratio('c.reached', 'lag(c.reached) over (partition by c.connection, c.job_id, c.applied_month order by c.stage_order)') }} as conversion_from_previous
from counts c
left join {{ ref('jobs') }} j on j.connection = c.connection and j.job_id = c.job_id
