-- Lever skill scores on the canonical 1–5 scale: Lever's 4-point score 1 → 1, 2 → 2, 3 → 4, 4 → 5
-- (a 4-point scale has no middle); unscored → null, the raw score kept. The skill's name is the
-- item (Lever gives no skill id or group).
select
  s.connection,
  s.feedback_id as scorecard_id,
  'attribute' as item_type,
  s.skill as item_key,
  s.skill as item_name,
  cast(null as text) as item_group,
  case s.score when '1' then 1 when '2' then 2 when '3' then 4 when '4' then 5 end as rating,
  s.score as raw_rating
from {{ ref('stg_lever__feedback_scores') }} s
join {{ ref('int_lever__scorecards') }} c on c.connection = s.connection and c.scorecard_id = s.feedback_id
