-- incremental_key: scorecard_id
-- incremental_input: greenhouse.scorecard_candidate_attributes scorecard_id
-- core.scorecard_ratings: one row per attribute (or rated question) on a scorecard.
--   rating: the canonical 1–5 scale: 1 strong no, 2 no, 3 mixed, 4 yes, 5 strong yes; null when the
--   interviewer left it without a rating. raw_rating: the vendor's own value. Each vendor's scale
--   and how it maps is in sql/README.md.
{{ vendor_union('scorecard_ratings', 'connection, scorecard_id, item_type, item_key, item_name, item_group, rating, raw_rating') }}
