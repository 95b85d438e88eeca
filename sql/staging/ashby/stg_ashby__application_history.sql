-- One row per entry of an application's history (application.listHistory, landed one record per
-- application with its whole history, so edited or deleted entries are gone from the newest
-- version). stage_number orders the entries (0 is the first); the current entry has no left_at.
select
  _connection as connection,
  _record_id as application_id,
  history_id,
  stage_id,
  stage_title,
  cast(stage_number as integer) as stage_number,
  {{ parse_timestamp('entered_at') }} as entered_at,
  {{ parse_timestamp('left_at') }} as left_at
from {{ payload_array(source('ashby', 'application_history'), 'applicationHistory',
  'id as history_id', 'stageId as stage_id', 'title as stage_title', 'stageNumber as stage_number',
  'enteredStageAt as entered_at', 'leftStageAt as left_at') }} r
where not _deleted
