-- Greenhouse openings: filled when closed with a hired application attached. The close reason is
-- the name of the opening's close_reason_id; Greenhouse has no backfill flag (is_backfill null).
select
  o.connection,
  o.opening_id,
  o.job_id,
  o.opening_key,
  case when o.closed_at is null then 'open' when o.application_id is not null then 'filled' else 'closed' end as status,
  o.opened_at,
  o.closed_at,
  o.application_id,
  o.target_start_on,
  r.name as close_reason,
  cast(null as boolean) as is_backfill
from {{ ref('stg_greenhouse__openings') }} o
left join {{ ref('stg_greenhouse__close_reasons') }} r on r.connection = o.connection and r.close_reason_id = o.close_reason_id
