-- One row per Greenhouse user (recruiters, coordinators, interviewers, …).
select
  _connection as connection,
  _record_id as user_id,
  name as full_name,
  first_name,
  last_name,
  -- The v3 reference names these primary_email and deactivated; older renderings (and our emulator)
  -- primary_email_address and disabled.
  coalesce(primary_email, primary_email_address) as email,
  employee_id,
  cast(coalesce(deactivated, disabled) as boolean) as is_disabled,
  cast(site_admin as boolean) as is_site_admin,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'users'),
  'name', 'first_name', 'last_name', 'primary_email', 'primary_email_address', 'employee_id', 'deactivated', 'disabled', 'site_admin',
  'created_at', 'updated_at') }} r
where not _deleted
