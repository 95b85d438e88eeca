-- One row per feedback form (scorecard) still in place; Lever soft-deletes feedback with deletedAt.
-- opportunity_id was added at extraction.
select
  _connection as connection,
  _record_id as feedback_id,
  opportunity_id,
  interview_id,
  user_id,
  {{ epoch_ms('completed_at') }} as completed_at,
  {{ epoch_ms('created_at') }} as created_at,
  {{ epoch_ms('updated_at') }} as updated_at
from {{ payload_fields(source('lever', 'feedback'),
  'opportunityId as opportunity_id', 'interview as interview_id', 'user as user_id', 'completedAt as completed_at',
  'createdAt as created_at', 'updatedAt as updated_at', 'deletedAt as deleted_at') }} r
where not _deleted and deleted_at is null
