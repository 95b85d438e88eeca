-- One row per department.
select
  _connection as connection,
  _record_id as department_id,
  name,
  parent_id,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'departments'), 'name', 'parent_id', 'created_at', 'updated_at') }} r
where not _deleted
