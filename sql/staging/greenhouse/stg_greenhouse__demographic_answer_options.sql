-- One row per answer option of a demographic question (demographics: true only). free_form: the
-- option takes the applicant's own words (their text stays in the raw zone, never read here);
-- decline_to_answer: the question's "I don't wish to answer" (v3; v1 has no such flag, and its
-- decline wordings are told apart by sql/seeds/demographic_answer_names.csv in core). A deleted
-- option stays listed with active false: the answers that chose it keep its name.
select
  _connection as connection,
  _record_id as option_id,
  demographic_question_id as question_id,
  name,
  coalesce(cast(free_form as boolean), false) as is_free_form,
  coalesce(cast(decline_to_answer as boolean), false) as is_decline,
  cast(active as boolean) as is_active
from {{ payload_fields(source('greenhouse', 'demographic_answer_options'), 'demographic_question_id', 'name', 'free_form', 'decline_to_answer', 'active') }} r
where not _deleted
