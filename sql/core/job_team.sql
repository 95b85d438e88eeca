-- core.job_team: one row per user per role on a job's hiring team, every vendor unioned.
--   role: recruiter / coordinator / hiring_manager / sourcer (a user can hold several roles).
--   is_primary: the responsible recruiter or coordinator, and the primary hiring manager; at most
--   one per job and role (sourcers never). Vendors that name only the primaries (Lever's posting
--   owner and hiring manager, Workday's requisition recruiter and hiring manager) list only those.
{{ vendor_union('job_team', 'connection, job_id, user_id, role, is_primary') }}
