-- marts.source_effectiveness: one row per connection and source (all time, prospects excluded).
--   reached_interview / reached_offer: applications whose furthest stage is at least interview /
--   offer (implied pass-through, as in the funnel); hires: status hired; hire_rate = hires / applications.
select
  connection,
  source_name,
  count(*) as applications,
  count(*) filter (where furthest_stage_order >= 3) as reached_interview,
  count(*) filter (where furthest_stage_order >= 4) as reached_offer,
  count(*) filter (where status = 'hired') as hires,
  {{ ratio("count(*) filter (where status = 'hired')", 'count(*)') }} as hire_rate
from {{ ref('int_applications_progressed') }}
group by connection, source_name
