-- Workday hiring teams: a requisition names its recruiter and its hiring manager (workers, by
-- Employee_ID), both primary. The Recruiting service shows no coordinator or sourcer.
select connection, job_id, recruiter_employee_id as user_id, 'recruiter' as role, true as is_primary
from {{ ref('stg_workday__requisitions') }}
where recruiter_employee_id is not null
union all
select connection, job_id, hiring_manager_employee_id, 'hiring_manager', true
from {{ ref('stg_workday__requisitions') }}
where hiring_manager_employee_id is not null
