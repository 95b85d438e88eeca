-- One row per Ashby candidate (merged-away candidates drop out at the next full pass, which lands
-- their tombstones). Ashby gives one full name.
select
  _connection as connection,
  _record_id as candidate_id,
  name as full_name,
  email,
  phone,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('ashby', 'candidates'),
  'name', 'primaryEmailAddress.value as email', 'primaryPhoneNumber.value as phone',
  'createdAt as created_at', 'updatedAt as updated_at') }} r
where not _deleted
