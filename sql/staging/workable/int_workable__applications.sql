-- Workable candidates as canonical applications (the rule in extractors/workable/README.md):
--   one application per Workable candidate (a candidate is one person in one job); candidate_id is
--   the person: an md5 of the lower-cased email, shared by their candidates in other jobs (the
--   candidate's own id when it has no email). job_id: the job's shortcode; null in the talent pool.
--   is_prospect: never entered a stage of a job's pipeline and sits in Sourced.
--   status (from the candidate now): in the Hired stage (or hired_at set) = hired; disqualified =
--   rejected (a disqualification later reverted is not one); else active.
--   Times come from the activities, which carry milliseconds: applied_at = the first activity (the
--   arrival), hired_at = the move to Hired, rejected_at = the last `disqualified`; the candidate's
--   whole-second created_at / hired_at are the fallbacks.
--   rejection_type: withdrew = withdrawn_by_candidate; a reason of category "candidate withdrew"
--   likewise; another reason = rejected_by_company; none given = unspecified.
with entries as (
  select
    connection,
    candidate_id,
    count(*) filter (where is_stay) as stays,
    max(entered_at) filter (where stage_kind = 'hired') as hired_at
  from {{ ref('int_workable__stage_entries') }}
  group by connection, candidate_id
),
current_stays as (
  select
    connection, candidate_id, stage_id, stage_name,
    row_number() over (partition by connection, candidate_id order by entered_at desc, entry_id desc) as pick
  from {{ ref('int_workable__stage_entries') }}
  where is_stay
),
acts as (
  select
    connection,
    candidate_id,
    min(created_at) as first_at,
    max(created_at) filter (where action = 'disqualified') as disqualified_at
  from {{ ref('stg_workable__activities') }}
  group by connection, candidate_id
),
reasons as (
  select connection, description, bool_or(candidate_withdrew) as candidate_withdrew
  from {{ ref('stg_workable__disqualification_reasons') }}
  group by connection, description
),
candidates as (
  select
    c.*,
    c.stage_kind = 'hired' or c.hired_at is not null as is_hire,
    c.is_disqualified and not (c.stage_kind = 'hired' or c.hired_at is not null) as is_rejection
  from {{ ref('stg_workable__candidates') }} c
)
select
  c.connection,
  c.candidate_id as application_id,
  coalesce(md5(lower(trim(c.email))), c.candidate_id) as candidate_id,
  c.job_id,
  coalesce(e.stays, 0) = 0 and coalesce(c.stage_kind, '') = 'sourced' as is_prospect,
  c.source_name,
  coalesce(a.first_at, c.created_at) as applied_at,
  case when c.is_hire then 'hired' when c.is_rejection then 'rejected' else 'active' end as status,
  s.stage_id as current_stage_id,
  coalesce(s.stage_name, c.stage_name) as current_stage_name,
  case when c.is_rejection then a.disqualified_at end as rejected_at,
  case when c.is_rejection then c.disqualification_reason end as rejection_reason,
  case
    when not c.is_rejection then null
    when c.withdrew or coalesce(r.candidate_withdrew, false) then 'withdrawn_by_candidate'
    when c.disqualification_reason is not null then 'rejected_by_company'
    else 'unspecified'
  end as rejection_type,
  case when c.is_hire then coalesce(e.hired_at, c.hired_at) end as hired_at
from candidates c
left join entries e on e.connection = c.connection and e.candidate_id = c.candidate_id
left join current_stays s on s.connection = c.connection and s.candidate_id = c.candidate_id and s.pick = 1
left join acts a on a.connection = c.connection and a.candidate_id = c.candidate_id
left join reasons r on r.connection = c.connection and r.description = c.disqualification_reason
