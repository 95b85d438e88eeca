-- Workable stage visits: each entry into a stage of the job's own pipeline (not Sourced, not
-- Hired) is a visit, lasting until the candidate's next entry anywhere (the move to Hired ends the
-- last stay of a hire). The stay a disqualified candidate was in stays open here; core ends it at
-- the rejection. Visit ids are the ids of the activities that began them.
with timed as (
  select
    e.*,
    lead(e.entered_at) over (partition by e.connection, e.candidate_id order by e.entered_at, e.entry_id) as exited_at
  from {{ ref('int_workable__stage_entries') }} e
)
select
  t.connection,
  t.entry_id as visit_id,
  t.candidate_id as application_id,
  c.job_id,
  t.stage_id,
  t.entered_at,
  t.exited_at
from timed t
left join {{ ref('stg_workable__candidates') }} c on c.connection = t.connection and c.candidate_id = t.candidate_id
where t.is_stay
