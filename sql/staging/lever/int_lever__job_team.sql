-- Lever hiring teams: a posting names its owner (the recruiter responsible for its candidates) and
-- its hiring manager, both primary. Lever has no coordinator or sourcer role on a posting (its
-- followers are watchers, not roles), so those are not listed.
select connection, posting_id as job_id, owner_id as user_id, 'recruiter' as role, true as is_primary
from {{ ref('stg_lever__postings') }}
where owner_id is not null
union all
select connection, posting_id, hiring_manager_id, 'hiring_manager', true
from {{ ref('stg_lever__postings') }}
where hiring_manager_id is not null
