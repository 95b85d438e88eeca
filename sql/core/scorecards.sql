-- incremental_key: scorecard_id
-- incremental_input: greenhouse.scorecards _record_id
-- incremental_input: greenhouse.interviewers scorecard_id
-- core.scorecards: one row per submitted scorecard with the interviewer's overall recommendation and
-- the interview it was written for (null when the vendor does not link them, or for a scorecard
-- written without an interview).
{{ vendor_union('scorecards', 'connection, scorecard_id, application_id, interview_id, interviewer_id, overall_recommendation, interviewed_at, submitted_at') }}
