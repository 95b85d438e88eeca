-- Ashby sources; source_type is Ashby's source type title.
select connection, source_id, name, source_type
from {{ ref('stg_ashby__sources') }}
