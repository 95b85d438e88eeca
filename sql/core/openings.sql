-- core.openings: one row per job opening (a unit of headcount); status open / filled / closed; plus
-- promoted custom fields (config custom_fields).
with unioned as (
  {{ vendor_union('openings', 'connection, opening_id, job_id, opening_key, status, opened_at, closed_at, application_id') }}
)
select
  u.connection, u.opening_id, u.job_id, u.opening_key, u.status, u.opened_at, u.closed_at, u.application_id{{ promoted_columns('openings', 'cf') }}
from unioned u
left join {{ promoted_pivot('openings') }} cf on cf.connection = u.connection and cf.record_id = u.opening_id
