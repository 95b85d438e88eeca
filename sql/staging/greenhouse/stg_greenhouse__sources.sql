-- One row per candidate source.
select
  _connection as connection,
  _record_id as source_id,
  name,
  type_name,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'sources'), 'name', 'type.name as type_name', 'created_at', 'updated_at') }} r
where not _deleted
