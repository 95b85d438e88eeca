-- One row per source text (Lever sources have no id or type; the text is the key).
select
  _connection as connection,
  _record_id as source_name,
  cast(opportunity_count as integer) as opportunity_count
from {{ payload_fields(source('lever', 'sources'), 'count as opportunity_count') }} r
where not _deleted
