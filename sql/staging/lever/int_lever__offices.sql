-- Lever has no office records: each posting location is one office.
select distinct connection, location as office_id, location as name, cast(null as text) as location
from {{ ref('stg_lever__postings') }}
where location is not null
