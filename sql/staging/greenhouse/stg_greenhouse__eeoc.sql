-- One row per application's EEOC answers (Harvest's voluntary self-identification), read only for
-- connections with demographics: true. Each answer is the option's description as Greenhouse
-- shows it; v1 spelled the veteran answer `message`, v3 `description`: either is read.
select
  _connection as connection,
  _record_id as application_id,
  gender,
  race,
  coalesce(veteran_status, veteran_status_message) as veteran_status,
  disability_status,
  {{ parse_timestamp('submitted_at') }} as submitted_at
from {{ payload_fields(source('greenhouse', 'eeoc'),
  'gender.description as gender', 'race.description as race', 'veteran_status.description as veteran_status',
  'veteran_status.message as veteran_status_message', 'disability_status.description as disability_status', 'submitted_at') }} r
where not _deleted
