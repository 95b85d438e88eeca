-- One row per scorecard. candidate_rating is the interviewer's overall recommendation.
select
  _connection as connection,
  _record_id as scorecard_id,
  application_id,
  interviewer_id,
  submitter_id,
  interview_kit_id,
  candidate_rating,
  status as vendor_status,
  {{ parse_timestamp('interviewed_at') }} as interviewed_at,
  {{ parse_timestamp('submitted_at') }} as submitted_at,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'scorecards'),
  'application_id', 'interviewer_id', 'submitter_id', 'interview_kit_id', 'candidate_rating', 'status',
  'interviewed_at', 'submitted_at', 'created_at', 'updated_at') }} r
where not _deleted
