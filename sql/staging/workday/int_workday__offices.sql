-- Locations named as requisitions' primary location.
select connection, office_id, max(office_name) as name, cast(null as text) as location
from {{ ref('stg_workday__requisitions') }}
where office_id is not null
group by connection, office_id
