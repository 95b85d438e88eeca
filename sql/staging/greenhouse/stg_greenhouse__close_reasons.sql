-- One row per opening close reason (why headcount closed: a hire, or the role went away).
select
  _connection as connection,
  _record_id as close_reason_id,
  name,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'close_reasons'), 'name', 'created_at', 'updated_at') }} r
where not _deleted
