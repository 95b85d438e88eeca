-- core.scorecards: one row per submitted scorecard with the interviewer's overall recommendation.
{{ vendor_union('scorecards', 'connection, scorecard_id, application_id, interviewer_id, overall_recommendation, interviewed_at, submitted_at') }}
