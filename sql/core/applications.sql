-- core.applications: one row per application, job or no job (prospects included, flagged), every
-- vendor unioned. job_id is null for an application without a job (a Greenhouse prospect in a pool,
-- a Lever opportunity without a posting); its stage comes from the account-wide plan its vendor has.
with unioned as (
  {{ vendor_union('applications', 'connection, application_id, candidate_id, job_id, is_prospect, source_name, applied_at, status,
    current_stage_id, current_stage_name, rejected_at, rejection_reason, rejection_type, hired_at') }}
)
select
  a.connection,
  a.application_id,
  a.candidate_id,
  a.job_id,
  a.is_prospect,
  a.source_name,
  a.applied_at,
  a.status,
  a.current_stage_id,
  coalesce(js.stage_name, a.current_stage_name) as current_stage_name,
  js.canonical_stage as current_canonical_stage,
  a.rejected_at,
  a.rejection_reason,
  a.rejection_type,
  a.hired_at
from unioned a
left join {{ ref('job_stages') }} js
  on js.connection = a.connection and coalesce(js.job_id, '') = coalesce(a.job_id, '') and js.stage_id = a.current_stage_id
