-- One row per account member (deactivated ones too: the extractor asks for status=all). Members
-- deleted from the account are no longer listed, though activities keep naming them.
select
  _connection as connection,
  _record_id as member_id,
  name as full_name,
  email,
  role,
  coalesce(cast(active as boolean), true) as is_active
from {{ payload_fields(source('workable', 'members'), 'name', 'email', 'role', 'active') }} r
where not _deleted
