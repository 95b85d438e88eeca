-- incremental_key: interview_id
-- incremental_input: greenhouse.interviews _record_id
-- core.interviews: one row per scheduled interview; status scheduled / awaiting_feedback / complete / cancelled.
{{ vendor_union('interviews', 'connection, interview_id, application_id, job_id, status, start_at, end_at, organizer_id') }}
