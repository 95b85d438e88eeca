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
  cast(opened_at as timestamptz) as opened_at,
  cast(closed_at as timestamptz) as closed_at,
  cast(created_at as timestamptz) as created_at,
  cast(updated_at as timestamptz) as updated_at
from {{ payload_fields(source('greenhouse', 'jobs'),
  'name', 'requisition_id', 'status', 'confidential', 'department_id', 'office_ids[0] as office_id',
  'opened_at', 'closed_at', 'created_at', 'updated_at') }} r
where not _deleted
