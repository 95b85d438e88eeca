select connection, user_id, full_name, employee_id, is_disabled, is_site_admin, created_at
from {{ ref('stg_greenhouse__users') }}
