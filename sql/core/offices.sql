-- core.offices: one row per office.
{{ vendor_union('offices', 'connection, office_id, name, location') }}
