-- One row per disqualification reason: of category "candidate withdrew" or "candidate rejected".
select
  _connection as connection,
  _record_id as reason_id,
  description,
  coalesce(cast(candidate_withdrew as boolean), false) as candidate_withdrew,
  cast(position as integer) as position
from {{ payload_fields(source('workable', 'disqualification_reasons'), 'description', 'candidate_withdrew', 'position') }} r
where not _deleted
