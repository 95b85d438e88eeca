-- One row per stage of a job's pipeline (/jobs/:shortcode/stages; the extractor adds the
-- shortcode). Every pipeline starts with a Sourced stage (kind sourced) and ends with Hired (kind
-- hired). Stage ids are account-wide: activities name a stage by id alone.
select
  _connection as connection,
  _record_id as stage_id,
  shortcode as job_id,
  name as stage_name,
  slug,
  kind,
  cast(position as integer) as position
from {{ payload_fields(source('workable', 'job_stages'), 'shortcode', 'name', 'slug', 'kind', 'position') }} r
where not _deleted
