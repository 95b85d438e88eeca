-- One row per job posting (a requisition advertised on a career site).
select
  _connection as connection,
  _record_id as posting_id,
  job_id,
  title,
  site_name,
  cast(substr(start_date, 1, 10) as date) as start_date,
  cast(substr(end_date, 1, 10) as date) as end_date
from {{ payload_fields(source('workday', 'postings'),
  'Job_Posting_Data.Job_Requisition_Reference.ID.Job_Requisition_ID as job_id',
  'Job_Posting_Data.Job_Posting_Title as title',
  'Job_Posting_Data.Job_Posting_Site_Reference.Descriptor as site_name',
  'Job_Posting_Data.Job_Posting_Start_Date as start_date',
  'Job_Posting_Data.Job_Posting_End_Date as end_date') }} r
where not _deleted
