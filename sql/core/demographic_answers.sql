-- core.demographic_answers: one row per application and question of its voluntary self-identification
-- (gender, race, veteran_status, disability_status), for connections with demographics: true.
-- Only the application id, the category and the answer: never a name or contact, whatever
-- models.include_pii says, and never exported (exports and dashboards read only the suppressed
-- marts.diversity_funnel). Known vendor wordings become one set (EEO-1 wording, a declined
-- question 'Declined to answer': sql/seeds/demographic_answer_names.csv, matched ignoring case);
-- other answers are kept as the vendor wrote them; a question left blank has no row.
with unioned as (
  {{ vendor_union('demographic_answers', 'connection, application_id, category, answer') }}
)
select
  u.connection,
  u.application_id,
  u.category,
  coalesce(n.answer, trim(u.answer)) as answer
from unioned u
join {{ ref('connections') }} c on c.connection = u.connection and c.demographics
left join {{ ref('demographic_answer_names') }} n on lower(trim(n.vendor_answer)) = lower(trim(u.answer))
where u.answer is not null and trim(u.answer) <> ''
