-- One row per demographic question of the account's question sets (demographics: true only). The
-- name is the account's own wording ("What is your gender identity?"); a deleted question stays
-- listed with active false, since answers still name it.
select
  _connection as connection,
  _record_id as question_id,
  demographic_question_set_id as question_set_id,
  name,
  answer_type,
  cast(active as boolean) as is_active
from {{ payload_fields(source('greenhouse', 'demographic_questions'), 'demographic_question_set_id', 'name', 'answer_type', 'active') }} r
where not _deleted
