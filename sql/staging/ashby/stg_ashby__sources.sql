-- One row per candidate source with its source type (e.g. Inbound, Referral, Agency).
select
  _connection as connection,
  _record_id as source_id,
  title as name,
  source_type
from {{ payload_fields(source('ashby', 'sources'), 'title', 'sourceType.title as source_type') }} r
where not _deleted
