-- Ashby candidates as canonical candidates. Ashby gives one full name: the first word is the first name.
select
  connection,
  candidate_id,
  created_at,
  split_part(full_name, ' ', 1) as first_name,
  case when strpos(full_name, ' ') > 0 then substr(full_name, strpos(full_name, ' ') + 1) end as last_name,
  email,
  phone
from {{ ref('stg_ashby__candidates') }}
