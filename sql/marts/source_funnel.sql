-- marts.source_funnel: one row per connection, job, application month (UTC) and source, with at least
-- one application. source_effectiveness split by job and cohort, so a dashboard can filter sources by
-- job, department, office and period: summed over jobs and months it is source_effectiveness.
--   reached_interview / reached_offer: furthest stage at least interview / offer (implied
--   pass-through, as in the funnel); hires: status hired. No rate column: a rate over filtered rows
--   is sum(hires) / sum(applications), never an average of these rows' rates.
--   job_name, department_name, office_name: the job's, as in core.jobs. Prospects are excluded.
with counts as (
  select
    connection,
    job_id,
    applied_month,
    source_name,
    count(*) as applications,
    count(*) filter (where furthest_stage_order >= 3) as reached_interview,
    count(*) filter (where furthest_stage_order >= 4) as reached_offer,
    count(*) filter (where status = 'hired') as hires
  from {{ ref('int_applications_progressed') }}
  group by connection, job_id, applied_month, source_name
)
select
  c.connection,
  c.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  c.applied_month,
  c.source_name,
  c.applications,
  c.reached_interview,
  c.reached_offer,
  c.hires
from counts c
left join {{ ref('jobs') }} j on j.connection = c.connection and j.job_id = c.job_id
