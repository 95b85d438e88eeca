-- One row per Workday job application: the newest version in the raw zone, typed. The extractor
-- lands Get_Candidates one record per Job_Application_Data, with its candidate beside it.
-- Workday shows only the CURRENT stage: the job's workflow step (the stage as the job names it),
-- its tenant-wide recruiting stage, a disposition once rejected, and Status_Timestamp, the moment
-- of the latest status change. A hire moves to the Ready for Hire stage.
select
  _connection as connection,
  _record_id as application_id,
  candidate_id,
  job_id,
  -- Job_Application_Date is an xsd:date, which Workday renders in the tenant's zone
  -- (2024-03-01-08:00): parse_timestamp reads it as the day's midnight there.
  {{ parse_timestamp('applied_at') }} as applied_at,
  step_name,
  recruiting_stage_id,
  recruiting_stage_name,
  coalesce(upper(recruiting_stage_id) = 'READY_FOR_HIRE' or lower(recruiting_stage_name) = 'ready for hire', false) as is_hired,
  disposition_id,
  disposition_name,
  {{ parse_timestamp('status_timestamp') }} as status_changed_at,
  source_id,
  source_name,
  referred_by_employee_id,
  first_name,
  last_name,
  email,
  phone,
  coalesce({{ parse_timestamp('as_of') }}, _extracted_at) as observed_at
from {{ payload_fields(source('workday', 'job_applications'),
  'Candidate.Candidate_Reference.ID.Candidate_ID as candidate_id',
  'Job_Applied_To_Data.Job_Requisition_Reference.ID.Job_Requisition_ID as job_id',
  'Job_Applied_To_Data.Job_Application_Date as applied_at',
  'Job_Applied_To_Data.Workflow_Step_Reference.Descriptor as step_name',
  'Job_Applied_To_Data.Stage_Reference.ID.Recruiting_Stage_ID as recruiting_stage_id',
  'Job_Applied_To_Data.Stage_Reference.Descriptor as recruiting_stage_name',
  'Job_Applied_To_Data.Disposition_Reference.ID.WID as disposition_id',
  'Job_Applied_To_Data.Disposition_Reference.Descriptor as disposition_name',
  'Job_Applied_To_Data.Status_Timestamp as status_timestamp',
  'Job_Applied_To_Data.Source_Reference.ID.WID as source_id',
  'Job_Applied_To_Data.Source_Reference.Descriptor as source_name',
  'Job_Applied_To_Data.Referred_By_Worker_Reference.ID.Employee_ID as referred_by_employee_id',
  'Candidate.Candidate_Data.Name_Data.Legal_Name.Name_Detail_Data.First_Name as first_name',
  'Candidate.Candidate_Data.Name_Data.Legal_Name.Name_Detail_Data.Last_Name as last_name',
  'Candidate.Candidate_Data.Contact_Data.Email_Address as email',
  'Candidate.Candidate_Data.Contact_Data.Phone_Number as phone',
  'As_Of_Entry_DateTime as as_of') }} r
where not _deleted
