-- Workers named on requisitions as recruiter or hiring manager, or on job applications as
-- referrer (user_id is the Employee_ID). Workday's worker records themselves are not read.
with workers as (
  select connection, recruiter_employee_id as employee_id, recruiter_name as full_name from {{ ref('stg_workday__requisitions') }}
  union all
  select connection, hiring_manager_employee_id, hiring_manager_name from {{ ref('stg_workday__requisitions') }}
  union all
  select connection, referred_by_employee_id, referred_by_name from {{ ref('stg_workday__job_applications') }}
)
select
  connection,
  employee_id as user_id,
  max(full_name) as full_name,
  employee_id,
  cast(null as boolean) as is_disabled,
  cast(null as boolean) as is_site_admin,
  cast(null as timestamptz) as created_at
from workers
where employee_id is not null
group by connection, employee_id
