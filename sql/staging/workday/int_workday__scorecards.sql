-- Interview feedback (Get_Interview_Feedbacks) is not read from Workday yet: no rows.
select
  cast(null as text) as connection,
  cast(null as text) as scorecard_id,
  cast(null as text) as application_id,
  cast(null as text) as interviewer_id,
  cast(null as text) as overall_recommendation,
  cast(null as timestamptz) as interviewed_at,
  cast(null as timestamptz) as submitted_at
where false
