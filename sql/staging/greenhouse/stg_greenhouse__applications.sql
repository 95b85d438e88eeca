-- One row per Greenhouse application: the newest version in the raw zone, typed. Prospects stay in
-- (flagged); a prospect has no job_id, only the job it was sourced for.
select
  _connection as connection,
  _record_id as application_id,
  candidate_id,
  coalesce(job_id, prospective_job_id) as job_id,
  cast(prospect as boolean) as is_prospect,
  status as vendor_status,
  job_interview_stage_id as current_stage_id,
  stage_name as current_stage_name,
  source_id,
  referrer_id,
  rejection_reason_id,
  -- v3 has no applied_at; an application is created when the candidate applies.
  coalesce({{ parse_timestamp('applied_at') }}, {{ parse_timestamp('created_at') }}) as applied_at,
  {{ parse_timestamp('rejected_at') }} as rejected_at,
  {{ parse_timestamp('last_activity_at') }} as last_activity_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'applications'),
  'candidate_id', 'job_id', 'prospective_job_ids[0] as prospective_job_id', 'prospect', 'status',
  'job_interview_stage_id', 'stage_name', 'source_id', 'referrer_id', 'rejection_reason_id',
  'applied_at', 'created_at', 'rejected_at', 'last_activity_at', 'updated_at') }} r
where not _deleted
