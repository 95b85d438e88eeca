-- Applicant sources seen on job applications (Workday's source categories are not read).
select connection, source_id, max(source_name) as name, cast(null as text) as source_type
from {{ ref('stg_workday__job_applications') }}
where source_id is not null
group by connection, source_id
