-- Lever interview panels: each interviewer of an interview, with the feedback form they submitted
-- for it (feedback names its interview and its user).
with forms as (
  select connection, interview_id, user_id, min(feedback_id) as feedback_id
  from {{ ref('stg_lever__feedback') }}
  where interview_id is not null
  group by connection, interview_id, user_id
)
select distinct p.connection, p.interview_id, p.interviewer_id as user_id, f.feedback_id as scorecard_id
from {{ ref('stg_lever__interview_people') }} p
join {{ ref('int_lever__interviews') }} i on i.connection = p.connection and i.interview_id = p.interview_id
left join forms f on f.connection = p.connection and f.interview_id = p.interview_id and f.user_id = p.interviewer_id
