-- One row per attribute group of a job (Harvest v3 candidate_attribute_types: Skills, Qualifications, …).
select
  _connection as connection,
  _record_id as candidate_attribute_type_id,
  job_id,
  name
from {{ payload_fields(source('greenhouse', 'candidate_attribute_types'), 'job_id', 'name') }} r
where not _deleted
