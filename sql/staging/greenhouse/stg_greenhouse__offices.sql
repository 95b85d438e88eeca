-- One row per office; v3 gives location as a plain string.
select
  _connection as connection,
  _record_id as office_id,
  name,
  location,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'offices'), 'name', 'location', 'created_at', 'updated_at') }} r
where not _deleted
