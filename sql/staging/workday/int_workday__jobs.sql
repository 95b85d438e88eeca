-- Workday job requisitions in the canonical shape. Statuses are tenant-configurable; the delivered
-- ones map as Draft/Pending → draft, Filled/Closed/Canceled → closed, anything else (Open, Frozen)
-- → open. Workday gives dates, not moments: opened_at is the recruiting start date and closed_at the
-- last posting's end date (midnight UTC of the tenant-local day); the creation moment is not exposed.
with postings as (
  select connection, job_id, max(end_date) as last_end_date
  from {{ ref('stg_workday__postings') }}
  group by connection, job_id
),
jobs as (
  select
    r.*,
    case
      when upper(r.status_id) in ('DRAFT', 'PENDING') then 'draft'
      when upper(r.status_id) in ('FILLED', 'CLOSED', 'CANCELED', 'CANCELLED') then 'closed'
      else 'open'
    end as status,
    p.last_end_date
  from {{ ref('stg_workday__requisitions') }} r
  left join postings p on p.connection = r.connection and p.job_id = r.job_id
)
select
  connection,
  job_id,
  name,
  status,
  department_name,
  office_name,
  case when status <> 'draft' then cast(recruiting_start_date as timestamptz) end as opened_at,
  case when status = 'closed' then cast(last_end_date as timestamptz) end as closed_at,
  cast(null as timestamptz) as created_at
from jobs
