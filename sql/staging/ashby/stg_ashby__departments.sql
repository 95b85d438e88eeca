-- One row per department or team (teams are departments with a parent).
select
  _connection as connection,
  _record_id as department_id,
  name,
  parent_id
from {{ payload_fields(source('ashby', 'departments'), 'name', 'parentId as parent_id') }} r
where not _deleted
