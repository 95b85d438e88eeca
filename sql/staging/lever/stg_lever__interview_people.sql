-- One row per interviewer of an interview.
select
  _connection as connection,
  _record_id as interview_id,
  interviewer_id
from {{ payload_array(source('lever', 'interviews'), 'interviewers', 'id as interviewer_id') }} r
where not _deleted
