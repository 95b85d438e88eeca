-- Ashby openings as canonical openings: Filled = filled, Closed = closed, Draft / Approved / Open =
-- open. The hire that filled it is the hired application whose accepted offer names the opening
-- (Ashby's opening does not name it; a hire recorded without an offer leaves it unknown).
with fills as (
  select
    o.connection,
    o.opening_id,
    o.application_id,
    row_number() over (partition by o.connection, o.opening_id order by o.decided_at desc, o.application_id) as pick
  from {{ ref('stg_ashby__offers') }} o
  join {{ ref('stg_ashby__applications') }} a on a.connection = o.connection and a.application_id = o.application_id
  where o.acceptance_status = 'Accepted' and o.opening_id is not null and a.vendor_status = 'Hired'
)
select
  p.connection,
  p.opening_id,
  p.job_id,
  p.identifier as opening_key,
  case p.opening_state when 'Filled' then 'filled' when 'Closed' then 'closed' else 'open' end as status,
  p.opened_at,
  p.closed_at,
  case when p.opening_state = 'Filled' then f.application_id end as application_id,
  p.target_start_on,
  -- Ashby names a close reason by id only, and its list is not read.
  cast(null as text) as close_reason,
  p.is_backfill
from {{ ref('stg_ashby__openings') }} p
left join fills f on f.connection = p.connection and f.opening_id = p.opening_id and f.pick = 1
