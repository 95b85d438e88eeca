-- One row per department (a bare JSON array in Workable); parent_id builds the hierarchy.
select
  _connection as connection,
  _record_id as department_id,
  name,
  parent_id
from {{ payload_fields(source('workable', 'departments'), 'name', 'parent_id') }} r
where not _deleted
