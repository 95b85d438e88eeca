-- core.jobs: one row per job (requisition), every vendor unioned.
{{ vendor_union('jobs', 'connection, job_id, name, status, department_name, office_name, opened_at, closed_at, created_at') }}
