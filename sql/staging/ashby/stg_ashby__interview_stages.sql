-- One row per stage of an interview plan (interviewStage.list, landed one record per plan). Types:
-- Lead, PreInterviewScreen, Active, Offer, Hired, Archived; Lead, Hired and Archived are where
-- prospects, hires and rejected applications sit, not steps of the funnel.
select
  _connection as connection,
  _record_id as interview_plan_id,
  stage_id,
  stage_name,
  stage_type,
  cast(sort_order as integer) as sort_order
from {{ payload_array(source('ashby', 'interview_stages'), 'interviewStages',
  'id as stage_id', 'title as stage_name', 'type as stage_type', 'orderInInterviewPlan as sort_order') }} r
where not _deleted
