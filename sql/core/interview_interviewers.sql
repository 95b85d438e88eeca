-- core.interview_interviewers: one row per interviewer on an interview's panel, with their scorecard.
--   scorecard_status: submitted (their scorecard is in: submitted_at set), cancelled (the interview
--   was called off and none came), else pending (expected and not in: not due yet, late, a draft,
--   or never coming). Greenhouse creates a placeholder (draft) scorecard per interviewer, so a
--   scorecard_id alone does not mean it was submitted.
with panel as (
  {{ vendor_union('interview_interviewers', 'connection, interview_id, user_id, scorecard_id') }}
)
select
  p.connection,
  p.interview_id,
  i.application_id,
  p.user_id,
  p.scorecard_id,
  case when s.submitted_at is not null then 'submitted' when i.status = 'cancelled' then 'cancelled' else 'pending' end as scorecard_status
from panel p
left join {{ ref('interviews') }} i on i.connection = p.connection and i.interview_id = p.interview_id
left join {{ ref('scorecards') }} s on s.connection = p.connection and s.scorecard_id = p.scorecard_id
