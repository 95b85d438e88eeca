select connection, office_id, name, location
from {{ ref('stg_greenhouse__offices') }}
