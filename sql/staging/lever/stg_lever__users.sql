-- One row per Lever user (deactivated users included: extraction asks for includeDeactivated).
select
  _connection as connection,
  _record_id as user_id,
  name as full_name,
  email,
  access_role,
  external_directory_id as employee_id,
  {{ epoch_ms('deactivated_at') }} as deactivated_at,
  {{ epoch_ms('created_at') }} as created_at
from {{ payload_fields(source('lever', 'users'),
  'name', 'email', 'accessRole as access_role', 'externalDirectoryId as external_directory_id',
  'deactivatedAt as deactivated_at', 'createdAt as created_at') }} r
where not _deleted
