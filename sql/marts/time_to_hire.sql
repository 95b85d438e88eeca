-- marts.time_to_hire: one row per hired application with both dates, job or no job (prospects never
-- are hired; a hire missing a date is counted in marts.dropped_records).
--   days_to_hire: calendar time from applied_at to hired_at in days (seconds / 86400, fractional).
--   hired_at is the moment the hire happened (Greenhouse: the filled opening closed / offer accepted).
select
  connection,
  application_id,
  candidate_id,
  job_id,
  source_name,
  applied_at,
  hired_at,
  {{ days_between('applied_at', 'hired_at') }} as days_to_hire
from {{ ref('applications') }}
where status = 'hired' and not is_prospect and hired_at is not null and applied_at is not null
