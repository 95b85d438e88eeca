-- core.offers: one row per offer version; status accepted / declined / pending / deprecated; plus
-- promoted custom fields (config custom_fields).
with unioned as (
  {{ vendor_union('offers', 'connection, offer_id, application_id, job_id, version, status, created_at, sent_at, resolved_at, starts_on') }}
)
select
  u.connection, u.offer_id, u.application_id, u.job_id, u.version, u.status, u.created_at, u.sent_at, u.resolved_at, u.starts_on{{ promoted_columns('offers', 'cf') }}
from unioned u
left join {{ promoted_pivot('offers') }} cf on cf.connection = u.connection and cf.record_id = u.offer_id
