-- One row per stage of the account's pipeline (Lever stages are account-wide, not per posting).
-- Built-in stages have slug ids (lead-new, applicant-new, offer, …); lead-* stages are prospecting.
select
  _connection as connection,
  _record_id as stage_id,
  text as stage_name,
  _record_id like 'lead-%' as is_lead
from {{ payload_fields(source('lever', 'stages'), 'text') }} r
where not _deleted
