-- incremental_key: application_id
-- incremental_input: greenhouse.applications _record_id
-- incremental_input: greenhouse.application_stages application_id
-- incremental_input: greenhouse.offers application_id
-- incremental_input: greenhouse.openings application_id
-- core.applications: one row per application, job or no job (prospects included, flagged), every
-- vendor unioned. job_id is null for an application without a job (a Greenhouse prospect in a pool,
-- a Lever opportunity without a posting); its stage comes from the account-wide plan its vendor has.
-- recruiter_id / coordinator_id: the application's own (Greenhouse's recruiter and coordinator,
-- Lever's opportunity owner), else its job's primary ones (core.job_team). credited_to_user_id:
-- the user credited with bringing the candidate in; referrer_name / referrer_user_id: who referred
-- them (referrer_user_id null for a referrer who is no user). Plus promoted custom fields.
with unioned as (
  {{ vendor_union('applications', 'connection, application_id, candidate_id, job_id, is_prospect, source_name, applied_at, status,
    current_stage_id, current_stage_name, rejected_at, rejection_reason, rejection_type, hired_at,
    recruiter_id, coordinator_id, credited_to_user_id, referrer_name, referrer_user_id') }}
),
primaries as (
  select
    connection,
    job_id,
    min(case when role = 'recruiter' then user_id end) as recruiter_id,
    min(case when role = 'coordinator' then user_id end) as coordinator_id
  from {{ ref('job_team') }}
  where is_primary
  group by connection, job_id
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
  a.hired_at,
  coalesce(a.recruiter_id, p.recruiter_id) as recruiter_id,
  coalesce(a.coordinator_id, p.coordinator_id) as coordinator_id,
  a.credited_to_user_id,
  a.referrer_name,
  a.referrer_user_id{{ promoted_columns('applications', 'cf') }}
from unioned a
left join {{ ref('job_stages') }} js
  on js.connection = a.connection and coalesce(js.job_id, '') = coalesce(a.job_id, '') and js.stage_id = a.current_stage_id
left join primaries p on p.connection = a.connection and p.job_id = a.job_id
left join {{ promoted_pivot('applications') }} cf on cf.connection = a.connection and cf.record_id = a.application_id
