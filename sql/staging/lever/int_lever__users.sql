-- Lever users; super admins and admins are site admins.
select
  connection,
  user_id,
  full_name,
  employee_id,
  deactivated_at is not null as is_disabled,
  access_role in ('super admin', 'admin') as is_site_admin,
  created_at
from {{ ref('stg_lever__users') }}
