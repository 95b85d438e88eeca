-- One row per referrer, the person credited with applications ("who gets credit"): a user, or
-- someone who is no user (user_id null, as for a user since removed from the account).
select
  _connection as connection,
  _record_id as referrer_id,
  name,
  user_id
from {{ payload_fields(source('greenhouse', 'referrers'), 'name', 'user_id') }} r
where not _deleted
