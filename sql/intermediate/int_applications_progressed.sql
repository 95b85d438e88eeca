-- materialized: table
-- incremental_key: application_id
-- incremental_input: applications application_id
-- incremental_input: stage_visits application_id
-- One row per application that entered the pipeline (prospects excluded), job or no job, with a
-- usable application date (the rest are counted in marts.dropped_records): its cohort and how far
-- it got. Read by the funnel and source marts, so it is built once as a table.
--   furthest_stage_order: the highest canonical stage (1 applied … 5 hired) among its visits, 5 for
--     a hire; every application has at least applied (1). Backward moves and re-entries change
--     nothing: only the maximum counts. Stages skipped on the way count as passed ("implied").
--   visited_<stage>: it has at least one visit to a stage of that class; a hire has visited hired.
--   recruiter_id and the promoted custom fields of applications, for the marts cut by them.
with visits as (
  select
    v.connection,
    v.application_id,
    max(cast(cs.stage_order as integer)) as furthest_visited,
    max(case when v.canonical_stage = 'applied' then 1 else 0 end) as visited_applied,
    max(case when v.canonical_stage = 'screen' then 1 else 0 end) as visited_screen,
    max(case when v.canonical_stage = 'interview' then 1 else 0 end) as visited_interview,
    max(case when v.canonical_stage = 'offer' then 1 else 0 end) as visited_offer,
    max(case when v.canonical_stage = 'hired' then 1 else 0 end) as visited_hired
  from {{ ref('stage_visits') }} v
  join {{ ref('canonical_stages') }} cs on cs.canonical_stage = v.canonical_stage
  group by v.connection, v.application_id
)
select
  a.connection,
  a.application_id,
  a.job_id,
  a.recruiter_id,
  a.source_name,
  a.applied_at,
  a.hired_at,
  {{ month_start('a.applied_at') }} as applied_month,
  a.status,
  case when a.status = 'hired' then 5 else greatest(1, coalesce(v.furthest_visited, 1)) end as furthest_stage_order,
  coalesce(v.visited_applied, 0) = 1 as visited_applied,
  coalesce(v.visited_screen, 0) = 1 as visited_screen,
  coalesce(v.visited_interview, 0) = 1 as visited_interview,
  coalesce(v.visited_offer, 0) = 1 as visited_offer,
  (a.status = 'hired' or coalesce(v.visited_hired, 0) = 1) as visited_hired{{ promoted_columns('applications', 'a') }}
from {{ ref('applications') }} a
left join visits v on v.connection = a.connection and v.application_id = a.application_id
where not a.is_prospect and a.applied_at is not null
