-- One row per Ashby user (deactivated users included: extraction asks for includeDeactivated).
select
  _connection as connection,
  _record_id as user_id,
  first_name,
  last_name,
  email,
  global_role,
  cast(is_enabled as boolean) as is_enabled
from {{ payload_fields(source('ashby', 'users'),
  'firstName as first_name', 'lastName as last_name', 'email', 'globalRole as global_role', 'isEnabled as is_enabled') }} r
where not _deleted
