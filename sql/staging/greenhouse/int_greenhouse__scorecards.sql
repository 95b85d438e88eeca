-- Greenhouse scorecards; candidate_rating is the overall recommendation.
select
  connection,
  scorecard_id,
  application_id,
  interviewer_id,
  candidate_rating as overall_recommendation,
  interviewed_at,
  submitted_at
from {{ ref('stg_greenhouse__scorecards') }}
