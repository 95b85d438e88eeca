-- Ashby jobs as canonical jobs: Open = open, Draft = draft, Closed and Archived = closed (Ashby
-- archives jobs instead of deleting them). The department is the job's department or team, the
-- office its location.
select
  j.connection,
  j.job_id,
  j.name,
  case j.status when 'Open' then 'open' when 'Draft' then 'draft' else 'closed' end as status,
  d.name as department_name,
  l.name as office_name,
  j.opened_at,
  j.closed_at,
  j.created_at
from {{ ref('stg_ashby__jobs') }} j
left join {{ ref('stg_ashby__departments') }} d on d.connection = j.connection and d.department_id = j.department_id
left join {{ ref('stg_ashby__locations') }} l on l.connection = j.connection and l.location_id = j.location_id
