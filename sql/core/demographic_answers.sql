-- core.demographic_answers: one row per application and question of its voluntary self-identification
-- (gender, race, veteran_status, disability_status), for connections with demographics: true.
-- Only the application id, the category and the answer: never a name or contact, whatever
-- models.include_pii says, and never exported (exports and dashboards read only the suppressed
-- marts.diversity_funnel). A declined question is 'Declined to answer' whatever the vendor's
-- wording (sql/seeds/declined_answers.csv); a question left blank has no row.
with unioned as (
  {{ vendor_union('demographic_answers', 'connection, application_id, category, answer') }}
)
select
  u.connection,
  u.application_id,
  u.category,
  case when d.answer is not null then 'Declined to answer' else trim(u.answer) end as answer
from unioned u
join {{ ref('connections') }} c on c.connection = u.connection and c.demographics
left join {{ ref('declined_answers') }} d on lower(trim(d.answer)) = lower(trim(u.answer))
where u.answer is not null and trim(u.answer) <> ''
