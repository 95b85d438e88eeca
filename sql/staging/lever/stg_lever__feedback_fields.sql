-- One row per field of a feedback form; the score-system field is the overall rating.
select
  _connection as connection,
  _record_id as feedback_id,
  _index as field_index,
  type as field_type,
  value
from {{ payload_array(source('lever', 'feedback'), 'fields', 'type', 'value') }} r
where not _deleted
