-- One row per interview event of a schedule: one interview held at a time with its interviewers.
select
  _connection as connection,
  _record_id as schedule_id,
  event_id,
  interview_id,
  {{ parse_timestamp('start_at') }} as start_at,
  {{ parse_timestamp('end_at') }} as end_at
from {{ payload_array(source('ashby', 'interview_schedules'), 'interviewEvents',
  'id as event_id', 'interviewId as interview_id', 'startTime as start_at', 'endTime as end_at') }} r
where not _deleted
