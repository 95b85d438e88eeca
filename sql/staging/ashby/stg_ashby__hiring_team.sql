-- One row per member of a hiring team, of a job or of an application (Ashby lists both with the
-- member's user id and role title: Recruiter, Hiring Manager, Recruiting Coordinator, Sourcer or an
-- account's own role).
select _connection as connection, 'job' as owner_type, _record_id as owner_id, user_id, role_title
from {{ payload_array(source('ashby', 'jobs'), 'hiringTeam', 'userId as user_id', 'role as role_title') }} j
where not _deleted
union all
select _connection, 'application', _record_id, user_id, role_title
from {{ payload_array(source('ashby', 'applications'), 'hiringTeam', 'userId as user_id', 'role as role_title') }} a
where not _deleted
