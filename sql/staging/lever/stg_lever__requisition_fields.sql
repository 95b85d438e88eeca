-- One row per requisition field (the schema of requisitions' customFields): its name and type
-- (text, number, date, dropdown, object).
select
  _connection as connection,
  _record_id as field_id,
  text as field_name,
  type as field_type
from {{ payload_fields(source('lever', 'requisition_fields'), 'text', 'type') }} r
where not _deleted
