-- One row per skill of a feedback form's scorecard field: the skill's name and its score (Lever's
-- 1–4: strong no, no, yes, strong yes; null when left unscored). A scorecard field lists its skills
-- in `scores` and their scores in `value`, position by position.
with scorecards as (
  select
    _connection, _record_id || '#' || cast(_index as text) as _record_id, _updated_at, _extracted_at, _run_id, _deleted,
    {{ as_json('field') }} as _payload
  from {{ payload_array(source('lever', 'feedback'), 'fields', 'type', '$ as field') }} f
  where type = 'scorecard' and not _deleted
),
skills as (
  select _connection, _record_id, _index, skill from {{ payload_array('scorecards', 'scores', 'text as skill') }} s
),
scores as (
  select _connection, _record_id, _index, score from {{ payload_array('scorecards', 'value', 'score') }} v
)
select
  k._connection as connection,
  split_part(k._record_id, '#', 1) as feedback_id,
  k._record_id as field_key,
  k._index as skill_index,
  k.skill,
  s.score
from skills k
left join scores s on s._connection = k._connection and s._record_id = k._record_id and s._index = k._index
