-- Greenhouse jobs with their department and primary office named.
select
  j.connection,
  j.job_id,
  j.name,
  j.status,
  d.name as department_name,
  o.name as office_name,
  j.opened_at,
  j.closed_at,
  j.created_at
from {{ ref('stg_greenhouse__jobs') }} j
left join {{ ref('stg_greenhouse__departments') }} d on d.connection = j.connection and d.department_id = j.department_id
left join {{ ref('stg_greenhouse__offices') }} o on o.connection = j.connection and o.office_id = j.office_id
