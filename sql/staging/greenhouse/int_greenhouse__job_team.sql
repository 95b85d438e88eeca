-- Greenhouse hiring teams in the canonical shape: job_owners (recruiters, coordinators, sourcers;
-- responsible = primary) and job_hiring_managers. Greenhouse marks no primary hiring manager: the
-- one assigned last (latest created_at, then highest id: ids are numbers held as text) is the primary.
with managers as (
  select
    connection,
    job_id,
    user_id,
    row_number() over (partition by connection, job_id order by created_at desc, length(job_hiring_manager_id) desc, job_hiring_manager_id desc) as pick
  from {{ ref('stg_greenhouse__job_hiring_managers') }}
)
select connection, job_id, user_id, role, coalesce(is_responsible, false) and role <> 'sourcer' as is_primary
from {{ ref('stg_greenhouse__job_owners') }}
where role in ('recruiter', 'coordinator', 'sourcer')
union all
select connection, job_id, user_id, 'hiring_manager', pick = 1
from managers
