-- One row per rejection reason; type.key says who ended it (WE_REJECTED_THEM, THEY_REJECTED_US, …).
select
  _connection as connection,
  _record_id as rejection_reason_id,
  name,
  type_key,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'rejection_reasons'), 'name', 'type.key as type_key', 'created_at', 'updated_at') }} r
where not _deleted
