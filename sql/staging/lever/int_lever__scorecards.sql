-- Lever feedback forms as canonical scorecards. The overall recommendation is the form's
-- score-system field ("4 - Strong Hire" … "1 - Strong No Hire"); no rating is no_decision.
with ratings as (
  -- The score-system field is the overall rating. Lever's own feedback example carries it as a
  -- field of type score valued "4 - Strong Hire" (a plain score is an integer thumbs rating).
  select
    connection,
    feedback_id,
    coalesce(
      min(case when field_type = 'score-system' then value end),
      min(case when field_type = 'score' and value like '_ - %' then value end)
    ) as rating
  from {{ ref('stg_lever__feedback_fields') }}
  where field_type in ('score-system', 'score')
  group by connection, feedback_id
)
select
  f.connection,
  f.feedback_id as scorecard_id,
  f.opportunity_id as application_id,
  f.user_id as interviewer_id,
  case
    when r.rating like '4%' then 'strong_yes'
    when r.rating like '3%' then 'yes'
    when r.rating like '2%' then 'no'
    when r.rating like '1%' then 'strong_no'
    else 'no_decision'
  end as overall_recommendation,
  i.start_at as interviewed_at,
  f.completed_at as submitted_at
from {{ ref('stg_lever__feedback') }} f
join {{ ref('int_lever__applications') }} a on a.connection = f.connection and a.application_id = f.opportunity_id
left join ratings r on r.connection = f.connection and r.feedback_id = f.feedback_id
left join {{ ref('stg_lever__interviews') }} i on i.connection = f.connection and i.interview_id = f.interview_id
