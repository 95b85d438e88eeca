-- core.candidates: one row per candidate. Names, emails and phones only with models.include_pii.
with unioned as (
  {{ vendor_union('candidates', 'connection, candidate_id, created_at, first_name, last_name, email, phone') }}
)
select connection, candidate_id, created_at{{ pii(', first_name, last_name, email, phone') }}
from unioned
