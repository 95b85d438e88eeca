-- One row per Workable job, keyed by its shortcode (what candidates and every job endpoint use).
-- state: draft, published, closed (Workable's word for an internal or confidential job that is
-- still hiring) or archived (done). Deleted jobs are simply no longer listed: Workable has no
-- deletion listing, so a job deleted after it was landed stays here as last seen.
select
  _connection as connection,
  _record_id as job_id,
  id as numeric_id,
  title as name,
  state,
  department,
  location_str,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('workable', 'jobs'),
  'id', 'title', 'state', 'department', 'location.location_str as location_str', 'created_at', 'updated_at') }} r
where not _deleted
