-- marts.funnel has one row per connection, job, application month, recruiter, promoted application
-- custom fields and stage: a GROUP BY of its own SQL, so a duplicate is a bug (error).
select connection, job_id, applied_month, recruiter_id{{ promoted_columns('applications', 'f') }}, canonical_stage, count(*) as copies
from {{ ref('funnel') }} f
group by connection, job_id, applied_month, recruiter_id{{ promoted_columns('applications', 'f') }}, canonical_stage
having count(*) > 1
