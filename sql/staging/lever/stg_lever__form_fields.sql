-- One row per field of an opportunity's profile form (custom fields a team adds to candidates):
-- the field's id (stable across forms of one template), type, name and value as text (JSON text
-- for a multiple-select list; epoch ms for a date). opportunity_id was added at extraction.
with forms as (
  select _record_id, opportunity_id, deleted_at
  from {{ payload_fields(source('lever', 'forms'), 'opportunityId as opportunity_id', 'deletedAt as deleted_at') }} r
  where not _deleted
)
select
  f._connection as connection,
  f._record_id as form_id,
  x.opportunity_id,
  f.field_id,
  f.field_type,
  f.field_name,
  f.value,
  f.currency
from {{ payload_array(source('lever', 'forms'), 'fields', 'id as field_id', 'type as field_type', 'text as field_name', 'value', 'currency') }} f
join forms x on x._record_id = f._record_id
where not f._deleted and x.deleted_at is null
