-- core.rejection_reasons: one row per rejection reason with who ended it.
{{ vendor_union('rejection_reasons', 'connection, rejection_reason_id, name, rejection_type') }}
