-- Ashby offers as canonical offers, each with its latest version (offer.list shows only that; a
-- revision replaces the version, so an application's offer count stays one per offer process).
--   status: Accepted = accepted, Declined = declined, Cancelled = deprecated (withdrawn, no longer
--   stands), Created / WaitingOnResponse / Pending = pending. resolved_at: decidedAt once decided.
--   version: the offer's place among its application's offers, by its latest version's creation.
--   created_at is the latest version's; Ashby gives no sent date; starts_on is its startDate.
select
  o.connection,
  o.offer_id,
  o.application_id,
  a.job_id,
  cast(row_number() over (partition by o.connection, o.application_id order by o.version_created_at, o.offer_id) as integer) as version,
  case o.acceptance_status when 'Accepted' then 'accepted' when 'Declined' then 'declined' when 'Cancelled' then 'deprecated' else 'pending' end as status,
  o.version_created_at as created_at,
  cast(null as date) as sent_at,
  case when o.acceptance_status in ('Accepted', 'Declined') then o.decided_at end as resolved_at,
  cast(substr(o.start_date, 1, 10) as date) as starts_on
from {{ ref('stg_ashby__offers') }} o
left join {{ ref('stg_ashby__applications') }} a on a.connection = o.connection and a.application_id = o.application_id
