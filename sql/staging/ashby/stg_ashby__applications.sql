-- One row per Ashby application (the newest version; tombstoned ones drop out). Ashby is
-- candidate-centric like Lever but every application has a job (application.create requires one)
-- and the job's own interview plan. currentInterviewStage is where the application sits now: for a
-- hire the plan's Hired stage, for an archived (rejected) application its Archived stage, for a
-- lead the Lead stage. Keys Ashby omits (archivedAt, archiveReason when not archived) read as null.
select
  _connection as connection,
  _record_id as application_id,
  candidate_id,
  job_id,
  status as vendor_status,
  current_stage_id,
  current_stage_title,
  current_stage_type,
  interview_plan_id,
  source_id,
  source_name,
  archive_reason_id,
  archive_reason,
  archive_reason_type,
  {{ parse_timestamp('archived_at') }} as archived_at,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('ashby', 'applications'),
  'candidate.id as candidate_id', 'job.id as job_id', 'status',
  'currentInterviewStage.id as current_stage_id', 'currentInterviewStage.title as current_stage_title',
  'currentInterviewStage.type as current_stage_type', 'currentInterviewStage.interviewPlanId as interview_plan_id',
  'source.id as source_id', 'source.title as source_name',
  'archiveReason.id as archive_reason_id', 'archiveReason.text as archive_reason', 'archiveReason.reasonType as archive_reason_type',
  'archivedAt as archived_at', 'createdAt as created_at', 'updatedAt as updated_at') }} r
where not _deleted
