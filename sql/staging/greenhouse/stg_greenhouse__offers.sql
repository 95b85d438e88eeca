-- One row per offer version (a revised offer is a new record; the old one becomes Deprecated).
select
  _connection as connection,
  _record_id as offer_id,
  application_id,
  candidate_id,
  job_id,
  opening_id,
  cast(version as integer) as version,
  status as vendor_status,
  cast(sent_on as date) as sent_on,
  cast(starts_on as date) as starts_on,
  {{ parse_timestamp('resolved_at') }} as resolved_at,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('greenhouse', 'offers'),
  'application_id', 'candidate_id', 'job_id', 'opening_id', 'version', 'status', 'sent_on', 'starts_on',
  'resolved_at', 'created_at', 'updated_at') }} r
where not _deleted
