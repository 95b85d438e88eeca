-- core.candidates: one row per candidate. Names, emails and phones only with models.include_pii;
-- promoted custom fields (config custom_fields) are not contact details and are always there.
with unioned as (
  {{ vendor_union('candidates', 'connection, candidate_id, created_at, first_name, last_name, email, phone') }}
)
select u.connection, u.candidate_id, u.created_at{{ pii(', u.first_name, u.last_name, u.email, u.phone') }}{{ promoted_columns('candidates', 'cf') }}
from unioned u
left join {{ promoted_pivot('candidates') }} cf on cf.connection = u.connection and cf.record_id = u.candidate_id
