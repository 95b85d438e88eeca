-- One row per interviewer on a scheduled interview's panel (Harvest v3 interviewers); scorecard_id
-- once their scorecard is submitted.
select
  _connection as connection,
  _record_id as interviewer_row_id,
  interview_id,
  user_id,
  response_status,
  scorecard_id,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'interviewers'), 'interview_id', 'user_id', 'response_status', 'scorecard_id', 'updated_at') }} r
where not _deleted
