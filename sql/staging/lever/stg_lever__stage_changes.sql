-- One row per entry of an opportunity's stageChanges: Lever's stage history, in order. Each entry
-- is the moment the opportunity entered `to_stage_id`; it left at the next entry (or when it was
-- archived). to_stage_index is the stage's position in the pipeline at the time (not stable).
select
  _connection as connection,
  _record_id as opportunity_id,
  _index as change_index,
  to_stage_id,
  cast(to_stage_index as integer) as to_stage_index,
  {{ epoch_ms('changed_at') }} as entered_at,
  user_id
from {{ payload_array(source('lever', 'opportunities'), 'stageChanges',
  'toStageId as to_stage_id', 'toStageIndex as to_stage_index', 'updatedAt as changed_at', 'userId as user_id') }} r
where not _deleted
