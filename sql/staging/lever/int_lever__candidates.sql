-- Lever contacts as canonical candidates (a contact is the person behind all their
-- opportunities). Lever gives one full name: the first word is the first name. Contact details
-- come from the person's newest opportunity.
with ranked as (
  select
    o.*,
    min(o.created_at) over (partition by o.connection, o.contact_id) as first_created_at,
    row_number() over (partition by o.connection, o.contact_id order by o.created_at desc, o.opportunity_id desc) as pick
  from {{ ref('stg_lever__opportunities') }} o
  where o.contact_id is not null
)
select
  connection,
  contact_id as candidate_id,
  first_created_at as created_at,
  split_part(full_name, ' ', 1) as first_name,
  case when strpos(full_name, ' ') > 0 then substr(full_name, strpos(full_name, ' ') + 1) end as last_name,
  email,
  phone
from ranked
where pick = 1
