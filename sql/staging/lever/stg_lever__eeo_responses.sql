-- One row per opportunity's EEO survey answers (GET /eeo/responses/pii), read only for
-- connections with demographics: true. The answers are Lever's wording; core maps known
-- wordings to one set (sql/seeds/demographic_answer_names.csv).
select
  _connection as connection,
  _record_id as opportunity_id,
  gender,
  race,
  veteran,
  disability
from {{ payload_fields(source('lever', 'eeo_responses'), 'gender', 'race', 'veteran', 'disability') }} r
where not _deleted
