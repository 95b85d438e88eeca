-- One row per interview schedule: one application's interviews in one stage. Statuses:
-- NeedsScheduling, WaitingOnCandidateBooking, WaitingOnCandidateAvailability,
-- CandidateAvailabilitySubmitted, Scheduled, WaitingOnFeedback, Complete, Cancelled, OnHold, Unknown.
select
  _connection as connection,
  _record_id as schedule_id,
  status,
  application_id,
  stage_id,
  organizer_id,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('ashby', 'interview_schedules'),
  'status', 'applicationId as application_id', 'interviewStageId as stage_id', 'scheduledBy.id as organizer_id',
  'createdAt as created_at', 'updatedAt as updated_at') }} r
where not _deleted
