-- marts.job_fill: one row per job opening.
--   filled_at: when a hire filled it (the opening closed with a hired application); null while open
--   or when it closed without a hire. days_to_fill = opened_at → filled_at in calendar days.
--   job_name, department_name, office_name: the job's, as in core.jobs.
select
  o.connection,
  o.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  o.opening_id,
  o.opened_at,
  case when o.status = 'filled' then o.closed_at end as filled_at,
  case when o.status = 'filled' then {{ days_between('o.opened_at', 'o.closed_at') }} end as days_to_fill
from {{ ref('openings') }} o
left join {{ ref('jobs') }} j on j.connection = o.connection and j.job_id = o.job_id
