-- One row per Workable candidate: one person in one job (a person applying to two jobs is two
-- candidates), or in the talent pool (job null). The list form of the record: `stage` is the
-- stage's name now, times are whole seconds (activities carry the milliseconds).
select
  _connection as connection,
  _record_id as candidate_id,
  job_shortcode as job_id,
  name as full_name,
  firstname as first_name,
  lastname as last_name,
  email,
  phone,
  stage as stage_name,
  stage_kind,
  coalesce(cast(disqualified as boolean), false) as is_disqualified,
  coalesce(cast(withdrew as boolean), false) as withdrew,
  disqualification_reason,
  coalesce(cast(sourced as boolean), false) as is_sourced,
  coalesce(common_source, domain) as source_name,
  common_source_category as source_category,
  {{ parse_timestamp('hired_at') }} as hired_at,
  {{ parse_timestamp('moved_to_offer_at') }} as moved_to_offer_at,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('workable', 'candidates'),
  'job.shortcode as job_shortcode', 'name', 'firstname', 'lastname', 'email', 'phone', 'stage', 'stage_kind',
  'disqualified', 'withdrew', 'disqualification_reason', 'sourced', 'common_source', 'domain', 'common_source_category',
  'hired_at', 'moved_to_offer_at', 'created_at', 'updated_at') }} r
where not _deleted
