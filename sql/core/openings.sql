-- core.openings: one row per job opening (a unit of headcount); status open / filled / closed.
--   target_start_on: when the hire is meant to start (a date); close_reason: why it closed, as the
--   vendor names it; is_backfill: it replaces someone who left. Null where the vendor keeps none.
{{ vendor_union('openings', 'connection, opening_id, job_id, opening_key, status, opened_at, closed_at, application_id, target_start_on, close_reason, is_backfill') }}
