-- One row per candidate source.
select
  _connection as connection,
  _record_id as source_id,
  name,
  type_name,
  cast(created_at as timestamptz) as created_at,
  cast(updated_at as timestamptz) as updated_at
from {{ payload_fields(source('greenhouse', 'sources'), 'name', 'type.name as type_name', 'created_at', 'updated_at') }} r
where not _deleted
