-- Greenhouse attribute ratings on the canonical 1–5 scale: definitely_not 1, no 2, mixed 3, yes 4,
-- strong_yes 5, no_decision (or anything else) null; the raw rating is kept. The attribute's name
-- comes from the job's attribute catalogue (job_candidate_attributes), its group from the job's
-- candidate_attribute_types.
select
  r.connection,
  r.scorecard_id,
  'attribute' as item_type,
  r.job_candidate_attribute_id as item_key,
  a.name as item_name,
  g.name as item_group,
  case lower(r.rating) when 'definitely_not' then 1 when 'strong_no' then 1 when 'no' then 2 when 'mixed' then 3 when 'yes' then 4 when 'strong_yes' then 5 end as rating,
  r.rating as raw_rating
from {{ ref('stg_greenhouse__scorecard_candidate_attributes') }} r
left join {{ ref('stg_greenhouse__job_candidate_attributes') }} a
  on a.connection = r.connection and a.job_candidate_attribute_id = r.job_candidate_attribute_id
left join {{ ref('stg_greenhouse__candidate_attribute_types') }} g
  on g.connection = a.connection and g.candidate_attribute_type_id = a.candidate_attribute_type_id
