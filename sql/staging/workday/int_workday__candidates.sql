-- Workday candidates that have job applications (taken from those records); created_at is the
-- first application's date, Workday not exposing the candidate's own creation moment.
select
  connection,
  candidate_id,
  min(applied_at) as created_at,
  max(first_name) as first_name,
  max(last_name) as last_name,
  max(email) as email,
  max(phone) as phone
from {{ ref('stg_workday__job_applications') }}
group by connection, candidate_id
