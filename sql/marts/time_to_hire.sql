-- marts.time_to_hire: one row per hired application with both dates, job or no job (prospects never
-- are hired; a hire missing a date is counted in marts.dropped_records).
--   days_to_hire: calendar time from applied_at to hired_at in days (seconds / 86400, fractional).
--   hired_at is the moment the hire happened (Greenhouse: the filled opening closed / offer accepted).
--   job_name, department_name, office_name: the job's, as in core.jobs.
select
  a.connection,
  a.application_id,
  a.candidate_id,
  a.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  a.source_name,
  a.applied_at,
  a.hired_at,
  {{ days_between('a.applied_at', 'a.hired_at') }} as days_to_hire
from {{ ref('applications') }} a
left join {{ ref('jobs') }} j on j.connection = a.connection and j.job_id = a.job_id
where a.status = 'hired' and not a.is_prospect and a.hired_at is not null and a.applied_at is not null
