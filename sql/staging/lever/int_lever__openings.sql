-- Lever requisitions as canonical openings: one opening per unit of headcount (requisition id
-- and number). Hires of a requisition (the hired application's requisitionForHire, else the
-- requisition of its posting) fill its openings in hire order; the rest are closed when the
-- requisition closed, else open. "Unlimited" headcount has no countable openings.
-- A requisition's job is the posting that carries its code, else the first posting it lists (a
-- posting deleted since still names the job its applications point at); a requisition nobody
-- posted yet has no job. Lever keeps no per-opening target start date or close reason (null);
-- is_backfill is the requisition's backfill flag.
with requisitions as (
  select q.*, coalesce(p.posting_id, q.posting_id) as job_id
  from {{ ref('stg_lever__requisitions') }} q
  left join {{ ref('stg_lever__postings') }} p on p.connection = q.connection and p.requisition_code = q.requisition_code
),
hires as (
  select
    a.connection,
    coalesce(o.requisition_for_hire_id, q.requisition_id) as requisition_id,
    a.application_id,
    a.hired_at,
    row_number() over (partition by a.connection, coalesce(o.requisition_for_hire_id, q.requisition_id) order by a.hired_at, a.application_id) as n
  from {{ ref('int_lever__applications') }} a
  join {{ ref('stg_lever__opportunities') }} o on o.connection = a.connection and o.opportunity_id = a.application_id
  left join requisitions q on q.connection = a.connection and q.job_id = a.job_id
  where a.status = 'hired'
),
openings as (
  select q.connection, q.requisition_id, q.requisition_code, q.job_id, q.time_to_fill_start_at, q.closed_at, q.is_backfill, cast(g.n as integer) as n
  from requisitions q
  cross join lateral generate_series(1, q.headcount_total) as g(n)
  where q.headcount_total is not null
)
select
  o.connection,
  o.requisition_id || ':' || cast(o.n as text) as opening_id,
  o.job_id,
  o.requisition_code || '-' || cast(o.n as text) as opening_key,
  case when h.application_id is not null then 'filled' when o.closed_at is not null then 'closed' else 'open' end as status,
  o.time_to_fill_start_at as opened_at,
  coalesce(h.hired_at, o.closed_at) as closed_at,
  h.application_id,
  cast(null as date) as target_start_on,
  cast(null as text) as close_reason,
  o.is_backfill
from openings o
left join hires h on h.connection = o.connection and h.requisition_id = o.requisition_id and h.n = o.n
