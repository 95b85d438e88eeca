-- Ashby users; Organization Admins are site admins. Ashby gives no employee id or creation time.
select
  connection,
  user_id,
  trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')) as full_name,
  cast(null as text) as employee_id,
  not coalesce(is_enabled, true) as is_disabled,
  coalesce(global_role = 'Organization Admin', false) as is_site_admin,
  cast(null as timestamptz) as created_at
from {{ ref('stg_ashby__users') }}
