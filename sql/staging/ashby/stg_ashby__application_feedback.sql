-- One row per feedback submission (scorecard). The overall recommendation is the form's
-- overall_recommendation value: strong_hire, hire, no_hire or strong_no_hire (absent: none given).
select
  _connection as connection,
  _record_id as feedback_id,
  application_id,
  interview_event_id,
  submitted_by_id,
  recommendation,
  {{ parse_timestamp('submitted_at') }} as submitted_at
from {{ payload_fields(source('ashby', 'application_feedback'),
  'applicationId as application_id', 'interviewEventId as interview_event_id', 'submittedByUser.id as submitted_by_id',
  'submittedValues.overall_recommendation as recommendation', 'submittedAt as submitted_at') }} r
where not _deleted
