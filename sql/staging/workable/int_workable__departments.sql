select connection, department_id, name, parent_id as parent_department_id
from {{ ref('stg_workable__departments') }}
