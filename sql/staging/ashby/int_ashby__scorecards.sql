-- Ashby feedback submissions as canonical scorecards. overall_recommendation from the form's
-- overall_recommendation: strong_hire = strong_yes, hire = yes, no_hire = no, strong_no_hire =
-- strong_no, none = no_decision. interviewed_at is the interview event's start.
select
  f.connection,
  f.feedback_id as scorecard_id,
  f.application_id,
  f.submitted_by_id as interviewer_id,
  case f.recommendation when 'strong_hire' then 'strong_yes' when 'hire' then 'yes' when 'no_hire' then 'no' when 'strong_no_hire' then 'strong_no' else 'no_decision' end as overall_recommendation,
  e.start_at as interviewed_at,
  f.submitted_at
from {{ ref('stg_ashby__application_feedback') }} f
left join {{ ref('stg_ashby__interview_events') }} e on e.connection = f.connection and e.event_id = f.interview_event_id
