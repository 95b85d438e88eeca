-- One row per attribute rated on a scorecard (Harvest v3 scorecard_candidate_attributes): the
-- rating is one of definitely_not, no, mixed, yes, strong_yes, no_decision.
select
  _connection as connection,
  _record_id as scorecard_attribute_id,
  scorecard_id,
  job_candidate_attribute_id,
  candidate_attribute_rating as rating
from {{ payload_fields(source('greenhouse', 'scorecard_candidate_attributes'), 'scorecard_id', 'job_candidate_attribute_id', 'candidate_attribute_rating') }} r
where not _deleted
