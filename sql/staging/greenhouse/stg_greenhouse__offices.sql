-- One row per office; v3 gives location as a plain string.
select
  _connection as connection,
  _record_id as office_id,
  name,
  location,
  cast(created_at as timestamptz) as created_at,
  cast(updated_at as timestamptz) as updated_at
from {{ payload_fields(source('greenhouse', 'offices'), 'name', 'location', 'created_at', 'updated_at') }} r
where not _deleted
