-- Ashby departments and teams (a team is a department with a parent).
select connection, department_id, name, parent_id as parent_department_id
from {{ ref('stg_ashby__departments') }}
