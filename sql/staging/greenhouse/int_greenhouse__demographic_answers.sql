-- Greenhouse demographic answers in the canonical shape: one row per application and question.
-- EEOC (/v3/eeoc): the four EEO categories. The account's own questions (/v3/demographic_*): the
-- category is 'custom:' and the question's name as a key (lowercase, every run of other characters
-- one '_': "What is your gender identity?" → custom:what_is_your_gender_identity), so the same
-- wording in two sets (a US and an EMEA survey) is one category, a renamed question follows its
-- new name everywhere (questions are re-read whole every run), and no custom question can land in
-- an EEO category; a question without a usable name is custom:question_<id>. The answer is the
-- option's name (a free-form option's name, never the words typed in it), 'Declined to answer'
-- for the question's decline option; a multi-select answer is its options' names in option-id
-- order joined with '; ' (declines left out unless nothing else was chosen), so each application
-- has one answer per question and a stage's answers still add up to everyone who reached it.
-- A deleted option or question keeps its name (they stay listed, inactive). Answers whose
-- question or option is not listed at all reach no row (int_greenhouse__dropped_records counts
-- them); purged answers (erased candidates: no option) reach none either, as hirelake.erasures says.
with custom as (
  select
    a.connection,
    a.application_id,
    coalesce(
      'custom:' || nullif(trim(both '_' from regexp_replace(lower(q.name), '[^a-z0-9]+', '_', 'g')), ''),
      'custom:question_' || q.question_id
    ) as category,
    o.option_id,
    o.name as option_name,
    o.is_decline
  from {{ ref('stg_greenhouse__demographic_answers') }} a
  join {{ ref('stg_greenhouse__demographic_questions') }} q on q.connection = a.connection and q.question_id = a.question_id
  join {{ ref('stg_greenhouse__demographic_answer_options') }} o on o.connection = a.connection and o.option_id = a.option_id and o.question_id = a.question_id
)
select connection, application_id, 'gender' as category, gender as answer from {{ ref('stg_greenhouse__eeoc') }}
union all
select connection, application_id, 'race', race from {{ ref('stg_greenhouse__eeoc') }}
union all
select connection, application_id, 'veteran_status', veteran_status from {{ ref('stg_greenhouse__eeoc') }}
union all
select connection, application_id, 'disability_status', disability_status from {{ ref('stg_greenhouse__eeoc') }}
union all
select
  connection,
  application_id,
  category,
  coalesce(string_agg(option_name, '; ' order by cast(option_id as bigint)) filter (where not is_decline), 'Declined to answer')
from custom
group by connection, application_id, category
