-- What Greenhouse's models leave out of core on purpose, per connection, stream and reason
-- (marts.dropped_records). Only demographic answers can be left out: one naming a question or an
-- option that is not listed (Greenhouse keeps deleted ones listed, inactive, so this would be an
-- account whose listing lost them). Purged answers (an erased candidate's: no option any more)
-- are not drops: hirelake.erasures accounts for them.
select a.connection, 'greenhouse' as source, 'demographic_answers' as entity,
  case
    when q.question_id is null then 'its demographic question is not listed'
    else 'its answer option is not listed under its question'
  end as reason,
  count(*) as records
from {{ ref('stg_greenhouse__demographic_answers') }} a
left join {{ ref('stg_greenhouse__demographic_questions') }} q on q.connection = a.connection and q.question_id = a.question_id
left join {{ ref('stg_greenhouse__demographic_answer_options') }} o on o.connection = a.connection and o.option_id = a.option_id and o.question_id = a.question_id
where a.option_id is not null and (q.question_id is null or o.option_id is null)
group by 1, 2, 3, 4
