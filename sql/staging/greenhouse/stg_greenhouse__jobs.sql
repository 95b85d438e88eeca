-- One row per job. A job may list several offices; the first is its primary office.
select
  _connection as connection,
  _record_id as job_id,
  name,
  requisition_id,
  status,
  cast(confidential as boolean) as is_confidential,
  department_id,
  office_id,
  {{ parse_timestamp('opened_at') }} as opened_at,
  {{ parse_timestamp('closed_at') }} as closed_at,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'jobs'),
  'name', 'requisition_id', 'status', 'confidential', 'department_id', 'office_ids[0] as office_id',
  'opened_at', 'closed_at', 'created_at', 'updated_at') }} r
where not _deleted
