-- One row per custom field value on a requisition (customFields, keyed by the requisition field's
-- id): its JSON type and value as text (an object field's value is JSON text).
select
  _connection as connection,
  _record_id as requisition_id,
  _key as field_id,
  _type as value_type,
  _value as value
from {{ payload_entries(source('lever', 'requisitions'), 'customFields') }} r
where not _deleted
