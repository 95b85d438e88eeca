-- One row per posting (Lever's job). categories.department is the top-level department and
-- categories.team the group under it; categories.location is the office.
select
  _connection as connection,
  _record_id as posting_id,
  text as name,
  state,
  confidentiality,
  department,
  team,
  location,
  coalesce(requisition_code, req_code) as requisition_code,
  hiring_manager_id,
  owner_id,
  {{ epoch_ms('created_at') }} as created_at,
  {{ epoch_ms('updated_at') }} as updated_at
from {{ payload_fields(source('lever', 'postings'),
  'text', 'state', 'confidentiality', 'categories.department as department', 'categories.team as team',
  'categories.location as location', 'requisitionCodes[0] as requisition_code', 'reqCode as req_code',
  'hiringManager as hiring_manager_id', 'owner as owner_id', 'createdAt as created_at', 'updatedAt as updated_at') }} r
where not _deleted
