-- Ashby applications as canonical applications. The rule (extractors/ashby/README.md):
--   one row per application; job_id is its job (Ashby has no application without one).
--   is_prospect: no history entry in a funnel stage (a lead sourced for the job that never entered
--   the pipeline; a prospect in a pool without a job is an Ashby candidate, not an application).
--   status: Hired = hired, Archived = rejected (Ashby's "archive"), Active and Lead = active.
--   hired_at: when it entered the Hired stage; rejected_at: archivedAt, with the archive reason and
--   its reasonType (RejectedByOrg = rejected_by_company, RejectedByCandidate =
--   withdrawn_by_candidate, Other = unspecified).
--   current stage: where it sits; for a hire or a rejection, the funnel stage it was in when that
--   happened (its last funnel entry), as for every other vendor.
--   applied_at: the application's createdAt.
with funnel as (
  select
    connection,
    application_id,
    stage_id,
    stage_title,
    count(*) over (partition by connection, application_id) as entries,
    row_number() over (partition by connection, application_id order by stage_number desc, entered_at desc) as pick
  from {{ ref('int_ashby__history_entries') }}
  where is_pipeline
),
hires as (
  select connection, application_id, max(entered_at) as hired_at
  from {{ ref('int_ashby__history_entries') }}
  where stage_type = 'Hired'
  group by connection, application_id
),
apps as (
  select
    a.*,
    a.vendor_status = 'Hired' as is_hire,
    a.vendor_status = 'Archived' as is_rejection
  from {{ ref('stg_ashby__applications') }} a
)
select
  a.connection,
  a.application_id,
  a.candidate_id,
  a.job_id,
  f.application_id is null as is_prospect,
  a.source_name,
  a.created_at as applied_at,
  case when a.is_hire then 'hired' when a.is_rejection then 'rejected' else 'active' end as status,
  case when a.current_stage_type in ('Hired', 'Archived') and f.stage_id is not null then f.stage_id else a.current_stage_id end as current_stage_id,
  case when a.current_stage_type in ('Hired', 'Archived') and f.stage_id is not null then f.stage_title else a.current_stage_title end as current_stage_name,
  case when a.is_rejection then a.archived_at end as rejected_at,
  case when a.is_rejection then a.archive_reason end as rejection_reason,
  case when a.is_rejection then
    case a.archive_reason_type when 'RejectedByOrg' then 'rejected_by_company' when 'RejectedByCandidate' then 'withdrawn_by_candidate' else 'unspecified' end
  end as rejection_type,
  case when a.is_hire then h.hired_at end as hired_at
from apps a
left join funnel f on f.connection = a.connection and f.application_id = a.application_id and f.pick = 1
left join hires h on h.connection = a.connection and h.application_id = a.application_id
