-- Greenhouse custom fields: v3 keeps them in each record's custom_fields, keyed by the field's
-- name_key, each {name, type, value}; fields a record leaves empty (value null) are dropped. The
-- value goes to the column of its kind (sql/core/custom_field_values.sql): multi_select options
-- joined with "; ", currency as amount + unit, user as the user's id.
with entries as (
  select _connection as connection, 'jobs' as entity, _record_id as record_id, _key, name, type, value, amount, unit, user_id
  from {{ payload_entries(source('greenhouse', 'jobs'), 'custom_fields', 'name', 'type', 'value', 'value.amount as amount', 'value.unit as unit', 'value.user_id as user_id') }} e
  where not _deleted
  union all
  select _connection, 'applications', _record_id, _key, name, type, value, amount, unit, user_id
  from {{ payload_entries(source('greenhouse', 'applications'), 'custom_fields', 'name', 'type', 'value', 'value.amount as amount', 'value.unit as unit', 'value.user_id as user_id') }} e
  where not _deleted
  union all
  select _connection, 'candidates', _record_id, _key, name, type, value, amount, unit, user_id
  from {{ payload_entries(source('greenhouse', 'candidates'), 'custom_fields', 'name', 'type', 'value', 'value.amount as amount', 'value.unit as unit', 'value.user_id as user_id') }} e
  where not _deleted
  union all
  select _connection, 'offers', _record_id, _key, name, type, value, amount, unit, user_id
  from {{ payload_entries(source('greenhouse', 'offers'), 'custom_fields', 'name', 'type', 'value', 'value.amount as amount', 'value.unit as unit', 'value.user_id as user_id') }} e
  where not _deleted
  union all
  select _connection, 'openings', _record_id, _key, name, type, value, amount, unit, user_id
  from {{ payload_entries(source('greenhouse', 'openings'), 'custom_fields', 'name', 'type', 'value', 'value.amount as amount', 'value.unit as unit', 'value.user_id as user_id') }} e
  where not _deleted
)
select
  connection,
  entity,
  record_id,
  _key as field_key,
  name as field_name,
  type as field_type,
  case
    when type = 'multi_select' then {{ json_list_text('value') }}
    when type = 'currency' then unit
    when type = 'user' then user_id
    when type in ('number', 'yes_no', 'date') then null
    else value
  end as value_text,
  case
    when type = 'number' then {{ parse_number('value') }}
    when type = 'currency' then {{ parse_number('amount') }}
  end as value_number,
  case when type = 'date' then {{ utc_date(parse_timestamp("value || 'T00:00:00Z'")) }} end as value_date,
  case when type = 'yes_no' and value in ('true', 'false') then value = 'true' end as value_bool
from entries
where value is not null
