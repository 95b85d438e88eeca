-- One row per department.
select
  _connection as connection,
  _record_id as department_id,
  name,
  parent_id,
  cast(created_at as timestamptz) as created_at,
  cast(updated_at as timestamptz) as updated_at
from {{ payload_fields(source('greenhouse', 'departments'), 'name', 'parent_id', 'created_at', 'updated_at') }} r
where not _deleted
