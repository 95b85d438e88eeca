-- Workable jobs as canonical jobs. published, and closed (Workable's state for a job hiring
-- internally or confidentially), are open; archived is closed; draft is draft. Workable shows no
-- opening or closing time.
select
  connection,
  job_id,
  name,
  case state when 'published' then 'open' when 'closed' then 'open' when 'archived' then 'closed' else 'draft' end as status,
  department as department_name,
  location_str as office_name,
  cast(null as timestamptz) as opened_at,
  cast(null as timestamptz) as closed_at,
  created_at
from {{ ref('stg_workable__jobs') }}
