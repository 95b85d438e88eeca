-- core.users: one row per ATS user (employees who recruit, coordinate or interview).
{{ vendor_union('users', 'connection, user_id, full_name, employee_id, is_disabled, is_site_admin, created_at') }}
