-- Greenhouse offers with canonical statuses: Created (unresolved) is pending, Rejected is declined.
select
  connection,
  offer_id,
  application_id,
  job_id,
  version,
  case lower(vendor_status)
    when 'accepted' then 'accepted'
    when 'rejected' then 'declined'
    when 'declined' then 'declined'
    when 'deprecated' then 'deprecated'
    else 'pending'
  end as status,
  created_at,
  sent_on as sent_at,
  resolved_at,
  starts_on
from {{ ref('stg_greenhouse__offers') }}
