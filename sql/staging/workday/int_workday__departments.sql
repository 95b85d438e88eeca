-- Supervisory organizations named on requisitions (Workday's hierarchy is not read).
select connection, department_id, max(department_name) as name, cast(null as text) as parent_department_id
from {{ ref('stg_workday__requisitions') }}
where department_id is not null
group by connection, department_id
