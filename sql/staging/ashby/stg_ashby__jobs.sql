-- One row per Ashby job (status Draft, Open, Closed or Archived; extraction asks for drafts too).
select
  _connection as connection,
  _record_id as job_id,
  title as name,
  status,
  cast(confidential as boolean) as is_confidential,
  location_id,
  department_id,
  default_interview_plan_id,
  requisition_id,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at,
  {{ parse_timestamp('opened_at') }} as opened_at,
  {{ parse_timestamp('closed_at') }} as closed_at
from {{ payload_fields(source('ashby', 'jobs'),
  'title', 'status', 'confidential', 'locationId as location_id', 'departmentId as department_id',
  'defaultInterviewPlanId as default_interview_plan_id', 'customRequisitionId as requisition_id',
  'createdAt as created_at', 'updatedAt as updated_at', 'openedAt as opened_at', 'closedAt as closed_at') }} r
where not _deleted
