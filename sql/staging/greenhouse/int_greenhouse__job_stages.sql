-- Greenhouse interview-plan stages in the canonical shape (canonical_stage is added in core).
select connection, job_id, stage_id, stage_name, sort_order
from {{ ref('stg_greenhouse__job_interview_stages') }}
