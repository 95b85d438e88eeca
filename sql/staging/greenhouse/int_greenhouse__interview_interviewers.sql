-- Greenhouse interview panels: one row per interviewer of an interview, with their scorecard.
select connection, interview_id, user_id, scorecard_id
from {{ ref('stg_greenhouse__interviewers') }}
where user_id is not null
