-- One row per activity of a candidate's activity stream (the extractor adds candidate_id). A move
-- has a target_stage (its action is the target's slug); action_stage is the stage the candidate was
-- in. `disqualified` (body: the reason) and `reverted` (a requalification) have no target; so do
-- comments, messages and ratings. Stage names are as they were when the activity happened.
select
  _connection as connection,
  _record_id as activity_id,
  candidate_id,
  action,
  action_stage_id,
  action_stage_name,
  action_stage_slug,
  target_stage_id,
  target_stage_name,
  target_stage_slug,
  member_id,
  body,
  {{ parse_timestamp('created_at') }} as created_at,
  {{ parse_timestamp('updated_at') }} as updated_at
from {{ payload_fields(source('workable', 'activities'),
  'candidate_id', 'action', 'action_stage.id as action_stage_id', 'action_stage.name as action_stage_name',
  'action_stage.slug as action_stage_slug', 'target_stage.id as target_stage_id', 'target_stage.name as target_stage_name',
  'target_stage.slug as target_stage_slug', 'member.id as member_id', 'body', 'created_at', 'updated_at') }} r
where not _deleted
