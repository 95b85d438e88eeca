-- Lever sources are plain texts without a type.
select connection, source_name as source_id, source_name as name, cast(null as text) as source_type
from {{ ref('stg_lever__sources') }}
