-- Every version of every Workday job application the raw zone holds: what each run saw. Workday
-- keeps no stage history, so these versions are the history (see int_workday__stage_visits).
--   stage_id: the workflow step it was in; null at Ready for Hire, which is the hire, not a stage.
--   observed_at: the snapshot moment Workday answered for (As_Of_Entry_DateTime), else when landed.
--   is_final: rejected (a disposition) or hired in that version.
select
  _connection as connection,
  _record_id as application_id,
  job_id,
  case when coalesce(upper(recruiting_stage_id) = 'READY_FOR_HIRE' or lower(recruiting_stage_name) = 'ready for hire', false) then null else step_name end as stage_id,
  coalesce({{ parse_timestamp('as_of') }}, _extracted_at) as observed_at,
  {{ parse_timestamp('status_timestamp') }} as status_changed_at,
  coalesce(disposition_id is not null or upper(recruiting_stage_id) = 'READY_FOR_HIRE' or lower(recruiting_stage_name) = 'ready for hire', false) as is_final,
  -- Job_Application_Date is an xsd:date in the tenant's zone: parse_timestamp reads it as that midnight.
  {{ parse_timestamp('applied_at') }} as applied_at
from {{ payload_fields(source_versions('workday', 'job_applications'),
  'Job_Applied_To_Data.Job_Requisition_Reference.ID.Job_Requisition_ID as job_id',
  'Job_Applied_To_Data.Job_Application_Date as applied_at',
  'Job_Applied_To_Data.Workflow_Step_Reference.Descriptor as step_name',
  'Job_Applied_To_Data.Stage_Reference.ID.Recruiting_Stage_ID as recruiting_stage_id',
  'Job_Applied_To_Data.Stage_Reference.Descriptor as recruiting_stage_name',
  'Job_Applied_To_Data.Disposition_Reference.ID.WID as disposition_id',
  'Job_Applied_To_Data.Status_Timestamp as status_timestamp',
  'As_Of_Entry_DateTime as as_of') }} r
where not _deleted
