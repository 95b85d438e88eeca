-- Workday requisitions as canonical openings: Number_of_Openings per requisition, numbered 1…n
-- (`<requisition>:<n>`). The requisition's hires (applications at Ready for Hire) fill them in hire
-- order; the rest are closed when the requisition is (Filled, Closed, Canceled), else open.
-- Workday gives the requisition dates only: opened_at is its recruiting start date, a closed
-- opening's closed_at its last posting's end date (as core.jobs); a filled one closes at the hire.
-- target_start_on is the requisition's Target_Hire_Date (one for all its openings); is_backfill:
-- it replaces a worker. Workday keeps no per-opening close reason (null).
with requisitions as (
  select j.connection, j.job_id, j.status, j.opened_at, j.closed_at, r.number_of_openings, r.target_hire_date, r.is_backfill
  from {{ ref('int_workday__jobs') }} j
  join {{ ref('stg_workday__requisitions') }} r on r.connection = j.connection and r.job_id = j.job_id
  where r.number_of_openings > 0
),
hires as (
  select
    connection,
    job_id,
    application_id,
    hired_at,
    row_number() over (partition by connection, job_id order by hired_at, application_id) as n
  from {{ ref('int_workday__applications') }}
  where status = 'hired'
),
openings as (
  select q.*, cast(g.n as integer) as n
  from requisitions q
  cross join lateral generate_series(1, q.number_of_openings) as g(n)
)
select
  o.connection,
  o.job_id || ':' || cast(o.n as text) as opening_id,
  o.job_id,
  o.job_id || '-' || cast(o.n as text) as opening_key,
  case when h.application_id is not null then 'filled' when o.status = 'closed' then 'closed' else 'open' end as status,
  o.opened_at,
  case when h.application_id is not null then h.hired_at when o.status = 'closed' then o.closed_at end as closed_at,
  h.application_id,
  o.target_hire_date as target_start_on,
  cast(null as text) as close_reason,
  o.is_backfill
from openings o
left join hires h on h.connection = o.connection and h.job_id = o.job_id and h.n = o.n
