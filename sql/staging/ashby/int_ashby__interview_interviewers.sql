-- Ashby interview panels: each interviewer of an interview event, with the feedback they submitted
-- for it (a feedback submission names its event and its submitter).
with feedback as (
  select connection, interview_event_id, submitted_by_id, min(feedback_id) as feedback_id
  from {{ ref('stg_ashby__application_feedback') }}
  where interview_event_id is not null
  group by connection, interview_event_id, submitted_by_id
)
select p.connection, p.event_id as interview_id, p.user_id, f.feedback_id as scorecard_id
from {{ ref('stg_ashby__interview_interviewers') }} p
join {{ ref('int_ashby__interviews') }} i on i.connection = p.connection and i.interview_id = p.event_id
left join feedback f on f.connection = p.connection and f.interview_event_id = p.event_id and f.submitted_by_id = p.user_id
