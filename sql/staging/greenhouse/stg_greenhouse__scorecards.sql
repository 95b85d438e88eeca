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
  cast(interviewed_at as timestamptz) as interviewed_at,
  cast(submitted_at as timestamptz) as submitted_at,
  cast(created_at as timestamptz) as created_at,
  cast(updated_at as timestamptz) as updated_at
from {{ payload_fields(source('greenhouse', 'scorecards'),
  'application_id', 'interviewer_id', 'submitter_id', 'interview_kit_id', 'candidate_rating', 'status',
  'interviewed_at', 'submitted_at', 'created_at', 'updated_at') }} r
where not _deleted
