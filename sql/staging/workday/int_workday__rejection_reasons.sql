-- Dispositions seen on job applications; who ended it is not exposed (see int_workday__applications).
select connection, disposition_id as rejection_reason_id, max(disposition_name) as name, 'unspecified' as rejection_type
from {{ ref('stg_workday__job_applications') }}
where disposition_id is not null
group by connection, disposition_id
