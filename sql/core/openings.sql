-- core.openings: one row per job opening (a unit of headcount); status open / filled / closed.
{{ vendor_union('openings', 'connection, opening_id, job_id, opening_key, status, opened_at, closed_at, application_id') }}
