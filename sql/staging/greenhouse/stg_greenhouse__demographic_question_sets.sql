-- One row per demographic question set the account wrote (Greenhouse Inclusion), read only for
-- connections with demographics: true. A deleted set stays listed with active false.
select
  _connection as connection,
  _record_id as question_set_id,
  title,
  cast(active as boolean) as is_active
from {{ payload_fields(source('greenhouse', 'demographic_question_sets'), 'title', 'active') }} r
where not _deleted
