-- One row per interview plan (published plans; archived ones too).
select
  _connection as connection,
  _record_id as interview_plan_id,
  title,
  cast(is_archived as boolean) as is_archived
from {{ payload_fields(source('ashby', 'interview_plans'), 'title', 'isArchived as is_archived') }} r
where not _deleted
