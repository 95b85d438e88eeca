-- One row per attribute a job's scorecards rate (Harvest v3 job_candidate_attributes): its name and
-- its group (a candidate_attribute_types record of the same job).
select
  _connection as connection,
  _record_id as job_candidate_attribute_id,
  job_id,
  name,
  candidate_attribute_type_id
from {{ payload_fields(source('greenhouse', 'job_candidate_attributes'), 'job_id', 'name', 'candidate_attribute_type_id') }} r
where not _deleted
