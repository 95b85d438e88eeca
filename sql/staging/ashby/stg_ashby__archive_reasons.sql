-- One row per archive reason; reasonType says who ended it: RejectedByOrg, RejectedByCandidate, Other.
select
  _connection as connection,
  _record_id as archive_reason_id,
  text as name,
  reason_type
from {{ payload_fields(source('ashby', 'archive_reasons'), 'text', 'reasonType as reason_type') }} r
where not _deleted
