-- Workday stage visits in the canonical shape. Workday's API keeps only the current stage, so a
-- visit comes from the customer's RaaS stage-history report when the connection has one (exact:
-- one row per move; a visit ends at the next move), and otherwise is rebuilt from the versions the
-- runs landed (as fine as the run cadence; the rule is in stage_visits_from_snapshots and
-- extractors/workday/README.md). An application the report knows is taken from the report, any
-- other from its versions. The Ready for Hire move is the hire, not a stage: core.stage_visits ends
-- the last visit at hired_at.
with moves as (
  select h.connection, h.application_id, a.job_id, h.step_name as stage_id, h.is_hire, h.moved_at
  from {{ ref('stg_workday__stage_history') }} h
  left join {{ ref('stg_workday__job_applications') }} a on a.connection = h.connection and a.application_id = h.application_id
),
reported as (
  select
    connection,
    application_id,
    job_id,
    stage_id,
    is_hire,
    moved_at as entered_at,
    lead(moved_at) over (partition by connection, application_id order by moved_at, stage_id) as exited_at,
    row_number() over (partition by connection, application_id order by moved_at, stage_id) as n
  from moves
),
rebuilt as {{ stage_visits_from_snapshots(ref('stg_workday__job_application_snapshots')) }}
select connection, application_id || '#' || cast(n as text) as visit_id, application_id, job_id, stage_id, entered_at, exited_at
from reported
where not is_hire
union all
select connection, visit_id, application_id, job_id, stage_id, entered_at, exited_at
from rebuilt r
where not exists (select 1 from moves m where m.connection = r.connection and m.application_id = r.application_id)
