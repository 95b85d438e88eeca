-- severity: warn
-- At most one primary recruiter, coordinator and hiring manager per job. Vendors set the flag
-- (Greenhouse's responsible), and a real account can hold two responsible recruiters.
select connection, job_id, role, count(*) as primaries
from {{ ref('job_team') }}
where is_primary
group by connection, job_id, role
having count(*) > 1
