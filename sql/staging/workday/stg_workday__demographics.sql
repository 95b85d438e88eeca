-- One row per job application's self-identification answers, from the customer's RaaS report
-- (demographics_report; read only for connections with demographics: true). The answers are the
-- tenant's descriptors; core maps known wordings to one set (sql/seeds/demographic_answer_names.csv).
select
  _connection as connection,
  _record_id as application_id,
  gender,
  race,
  veteran_status,
  disability_status
from {{ payload_fields(source('workday', 'demographics'), 'gender', 'race', 'veteran_status', 'disability_status') }} r
where not _deleted
