-- One row per field of an offer form (job_title, salary_amount, anticipated_start_date, …), value as text.
select
  _connection as connection,
  _record_id as offer_id,
  identifier,
  value
from {{ payload_array(source('lever', 'offers'), 'fields', 'identifier', 'value') }} r
where not _deleted
