-- Every entry of a Workable candidate into a stage, rebuilt from its activities (the rule in
-- extractors/workable/README.md):
--   - the first stay: the stage of the candidate's earliest activity (its arrival: `applied` or
--     `uploaded`), entered then; should the earliest be a move, the stage it left, entered when
--     the candidate was created;
--   - every activity with a target_stage is an entry into that stage, forward or backward (a
--     candidate moved back re-enters an earlier stage: a new entry);
--   - disqualifications and requalifications (`reverted`) move nothing: a requalified candidate
--     stays where it was, and its stay goes on.
-- stage_kind comes from the job's stage list, else from the slug Workable gives its built-in
-- stages (a job deleted before it was read): Sourced and Hired are kinds, not stays.
with acts as (
  select
    a.*,
    row_number() over (partition by a.connection, a.candidate_id order by a.created_at, a.activity_id) as n
  from {{ ref('stg_workable__activities') }} a
  where a.created_at is not null and (a.action_stage_id is not null or a.target_stage_id is not null)
),
entries as (
  select
    a.connection, a.candidate_id,
    case when a.target_stage_id is null then a.activity_id else a.activity_id || '#from' end as entry_id,
    a.action_stage_id as stage_id, a.action_stage_name as stage_name, a.action_stage_slug as stage_slug,
    case when a.target_stage_id is null then a.created_at else c.created_at end as entered_at
  from acts a
  left join {{ ref('stg_workable__candidates') }} c on c.connection = a.connection and c.candidate_id = a.candidate_id
  where a.n = 1 and a.action_stage_id is not null
  union all
  select a.connection, a.candidate_id, a.activity_id, a.target_stage_id, a.target_stage_name, a.target_stage_slug, a.created_at
  from acts a
  where a.target_stage_id is not null
)
select
  e.connection,
  e.candidate_id,
  e.entry_id,
  e.stage_id,
  e.stage_name,
  e.entered_at,
  coalesce(k.kind, case e.stage_slug when 'sourced' then 'sourced' when 'hired' then 'hired' end) as stage_kind,
  coalesce(k.kind, case e.stage_slug when 'sourced' then 'sourced' when 'hired' then 'hired' end, '') not in ('sourced', 'hired') as is_stay
from entries e
left join {{ ref('stg_workable__job_stages') }} k on k.connection = e.connection and k.stage_id = e.stage_id
