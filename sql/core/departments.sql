-- core.departments: one row per department.
{{ vendor_union('departments', 'connection, department_id, name, parent_department_id') }}
