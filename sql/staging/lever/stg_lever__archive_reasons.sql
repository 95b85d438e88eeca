-- One row per archive reason. type hired marks a hire; every other reason is a rejection or
-- withdrawal (Lever does not say which side ended it).
select
  _connection as connection,
  _record_id as archive_reason_id,
  text as name,
  type as reason_type,
  status
from {{ payload_fields(source('lever', 'archive_reasons'), 'text', 'type', 'status') }} r
where not _deleted
