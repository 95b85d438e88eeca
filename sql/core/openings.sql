-- core.openings: one row per job opening (a unit of headcount); status open / filled / closed.
--   target_start_on: when the hire is meant to start (a date); close_reason: why it closed, as the
--   vendor names it; is_backfill: it replaces someone who left. Null where the vendor keeps none.
--   Plus promoted custom fields (config custom_fields).
with unioned as (
  {{ vendor_union('openings', 'connection, opening_id, job_id, opening_key, status, opened_at, closed_at, application_id, target_start_on, close_reason, is_backfill') }}
)
select
  u.connection, u.opening_id, u.job_id, u.opening_key, u.status, u.opened_at, u.closed_at, u.application_id,
  u.target_start_on, u.close_reason, u.is_backfill{{ promoted_columns('openings', 'cf') }}
from unioned u
left join {{ promoted_pivot('openings') }} cf on cf.connection = u.connection and cf.record_id = u.opening_id
