-- Lever has no department records, only posting categories: each department is one row and each
-- team a row under its department.
with categories as (
  select distinct connection, department, team from {{ ref('stg_lever__postings') }}
)
select distinct connection, 'department:' || department as department_id, department as name, cast(null as text) as parent_department_id
from categories
where department is not null
union all
select distinct
  connection,
  'team:' || coalesce(department, '') || '/' || team,
  team,
  case when department is not null then 'department:' || department end
from categories
where team is not null
