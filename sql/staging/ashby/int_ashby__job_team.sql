-- Ashby hiring teams: a job's hiringTeam members in the roles core knows (Recruiter = recruiter,
-- Hiring Manager = hiring_manager, Recruiting Coordinator = coordinator, Sourcer = sourcer; an
-- account's own roles are left out). Ashby marks no primary: a role's only member on the job is its
-- primary, and with several none is (sourcers never are).
with team as (
  select distinct
    connection,
    owner_id as job_id,
    user_id,
    case role_title when 'Recruiter' then 'recruiter' when 'Hiring Manager' then 'hiring_manager'
      when 'Recruiting Coordinator' then 'coordinator' when 'Sourcer' then 'sourcer' end as role
  from {{ ref('stg_ashby__hiring_team') }}
  where owner_type = 'job' and user_id is not null
)
select
  connection,
  job_id,
  user_id,
  role,
  role <> 'sourcer' and count(*) over (partition by connection, job_id, role) = 1 as is_primary
from team
where role is not null
