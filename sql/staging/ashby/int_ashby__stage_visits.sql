-- Ashby stage visits: each history entry in a funnel stage is a visit, from enteredStageAt to
-- leftStageAt (Ashby records when it left, including the move into Hired or Archived, so a hire's or
-- rejection's last visit ends at that outcome). The current entry of an active application has no
-- leftStageAt and stays open. Entries in Lead, Hired and Archived stages are not visits.
select
  e.connection,
  e.history_id as visit_id,
  e.application_id,
  a.job_id,
  e.stage_id,
  e.entered_at,
  e.left_at as exited_at
from {{ ref('int_ashby__history_entries') }} e
join {{ ref('stg_ashby__applications') }} a on a.connection = e.connection and a.application_id = e.application_id
where e.is_pipeline
