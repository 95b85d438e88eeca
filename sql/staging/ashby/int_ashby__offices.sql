-- Ashby locations as offices; location is the address as "locality, region, country".
select
  connection,
  location_id as office_id,
  name,
  nullif(concat_ws(', ', locality, region, country), '') as location
from {{ ref('stg_ashby__locations') }}
