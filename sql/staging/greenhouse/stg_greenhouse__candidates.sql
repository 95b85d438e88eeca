-- One row per candidate. Names and contacts are here (the raw zone has them anyway); core keeps
-- them out unless models.include_pii is set.
select
  _connection as connection,
  _record_id as candidate_id,
  first_name,
  last_name,
  email,
  phone,
  company,
  title,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'candidates'),
  'first_name', 'last_name', 'email_addresses[0].value as email', 'phone_numbers[0].value as phone',
  'company', 'title', 'created_at', 'updated_at') }} r
where not _deleted
