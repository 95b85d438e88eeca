-- Workable members as canonical users; the admin role is a site admin. Members have no employee
-- id or creation time.
select
  connection,
  member_id as user_id,
  full_name,
  cast(null as text) as employee_id,
  not is_active as is_disabled,
  coalesce(role, '') = 'admin' as is_site_admin,
  cast(null as timestamptz) as created_at
from {{ ref('stg_workable__members') }}
