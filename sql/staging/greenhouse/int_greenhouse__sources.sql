select connection, source_id, name, type_name as source_type
from {{ ref('stg_greenhouse__sources') }}
