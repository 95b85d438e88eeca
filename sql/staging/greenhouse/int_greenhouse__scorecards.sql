-- Greenhouse scorecards; candidate_rating is the overall recommendation. v3 scorecards do not name
-- their interview: the panel row that carries the scorecard's id does.
with panel as (
  select connection, scorecard_id, min(interview_id) as interview_id
  from {{ ref('stg_greenhouse__interviewers') }}
  where scorecard_id is not null
  group by connection, scorecard_id
)
select
  s.connection,
  s.scorecard_id,
  s.application_id,
  p.interview_id,
  s.interviewer_id,
  s.candidate_rating as overall_recommendation,
  s.interviewed_at,
  s.submitted_at
from {{ ref('stg_greenhouse__scorecards') }} s
left join panel p on p.connection = s.connection and p.scorecard_id = s.scorecard_id
