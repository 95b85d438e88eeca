-- Lever opportunities as canonical applications. The rule (extractors/lever/README.md):
--   one application per opportunity: application_id = opportunity id, candidate_id = its contact
--   (shared by all of a person's opportunities), job_id = the posting of its application. Most
--   opportunities of a real account have no posting (sourced leads, candidates a recruiter added):
--   their application's posting is null, or they have no application at all. They are kept with a
--   null job_id, and their stages come from the account-wide pipeline (job_id null in job_stages).
--   is_prospect: it never entered a non-lead stage (sourced leads sit in lead-* stages).
--   status: archived with a reason of type hired = hired at archivedAt; archived with any other
--   reason = rejected at archivedAt (Lever does not say who ended it: rejection_type unspecified);
--   not archived = active.
with pipeline_entries as (
  select connection, opportunity_id, count(*) as entries
  from {{ ref('stg_lever__stage_changes') }}
  where to_stage_id not like 'lead-%'
  group by connection, opportunity_id
),
opportunities as (
  select
    o.*,
    o.archived_at is not null and r.reason_type = 'hired' as is_hire,
    o.archived_at is not null and coalesce(r.reason_type, '') <> 'hired' as is_rejection,
    r.name as archive_reason
  from {{ ref('stg_lever__opportunities') }} o
  left join {{ ref('stg_lever__archive_reasons') }} r on r.connection = o.connection and r.archive_reason_id = o.archive_reason_id
)
select
  o.connection,
  o.opportunity_id as application_id,
  o.contact_id as candidate_id,
  o.posting_id as job_id,
  -- Lever's own list example shows opportunities without stageChanges: one sitting in a pipeline
  -- (non-lead) stage has entered it all the same.
  coalesce(p.entries, 0) = 0 and coalesce(o.stage_id like 'lead-%', true) as is_prospect,
  o.source_name,
  o.applied_at,
  case when o.is_hire then 'hired' when o.is_rejection then 'rejected' else 'active' end as status,
  o.stage_id as current_stage_id,
  s.stage_name as current_stage_name,
  case when o.is_rejection then o.archived_at end as rejected_at,
  case when o.is_rejection then o.archive_reason end as rejection_reason,
  case when o.is_rejection then 'unspecified' end as rejection_type,
  case when o.is_hire then o.archived_at end as hired_at
from opportunities o
left join pipeline_entries p on p.connection = o.connection and p.opportunity_id = o.opportunity_id
left join {{ ref('stg_lever__stages') }} s on s.connection = o.connection and s.stage_id = o.stage_id
