-- One row per interviewer of an interview event (a schedule's events each list their interviewers).
with events as (
  select
    _connection, event_id as _record_id, _updated_at, _extracted_at, _run_id, _deleted,
    {{ as_json('event') }} as _payload
  from {{ payload_array(source('ashby', 'interview_schedules'), 'interviewEvents', 'id as event_id', '$ as event') }} e
  where not _deleted
)
select distinct _connection as connection, _record_id as event_id, user_id
from {{ payload_array('events', 'interviewers', 'id as user_id') }} i
where user_id is not null
