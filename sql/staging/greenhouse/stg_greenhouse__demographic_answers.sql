-- One row per answer to the account's own demographic questions (demographics: true only): an
-- application, a question and the option chosen; a multi-select answer is one row per option.
-- free_form_text (a self-describe box: the applicant's own words) is deliberately not read: free
-- text never leaves the raw zone. option_id is null once the candidate was erased (purged).
select
  _connection as connection,
  _record_id as answer_id,
  application_id,
  demographic_question_id as question_id,
  demographic_answer_option_id as option_id
from {{ payload_fields(source('greenhouse', 'demographic_answers'), 'application_id', 'demographic_question_id', 'demographic_answer_option_id') }} r
where not _deleted
