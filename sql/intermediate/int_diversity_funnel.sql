-- The diversity funnel BEFORE small-cell suppression: never exported, never shown (the staging
-- schema), read by marts.diversity_funnel (which suppresses) and by its data tests.
-- One row per connection with demographics: true, application quarter (UTC), canonical stage,
-- category (gender, race, veteran_status, disability_status, and custom:<key> per account-defined
-- question) and answer:
--   reached: pipeline applications of that quarter whose answer it is and whose furthest stage is
--     this one or later (as marts.funnel; prospects and applications without a date left out).
-- Answers: every answer some application of the connection gave to that question, plus
-- 'Declined to answer' and 'No response' (no survey, or the question left blank), so the cells of
-- a stage always add up to everyone who reached it (marts.funnel's reached, summed over the quarter).
-- Every quarter with an application has every stage and answer, zeros included.
with apps as (
  select p.connection, p.application_id, {{ quarter_start('p.applied_at') }} as applied_quarter, p.furthest_stage_order
  from {{ ref('int_applications_progressed') }} p
  join {{ ref('connections') }} c on c.connection = p.connection and c.demographics
),
-- The four EEO questions for every connection, plus each account-defined question (custom:<key>)
-- some application of that connection answered.
categories as (
  select c.connection, k.category
  from {{ ref('connections') }} c
  cross join {{ ref('demographic_categories') }} k
  where c.demographics
  union
  select distinct connection, category from {{ ref('demographic_answers') }} where category like 'custom:%'
),
stages as (
  select canonical_stage, cast(stage_order as integer) as stage_order from {{ ref('canonical_stages') }}
),
app_answers as (
  select a.connection, a.application_id, a.applied_quarter, a.furthest_stage_order, k.category, coalesce(d.answer, 'No response') as answer
  from apps a
  join categories k on k.connection = a.connection
  left join {{ ref('demographic_answers') }} d on d.connection = a.connection and d.application_id = a.application_id and d.category = k.category
),
answers as (
  select distinct connection, category, answer from app_answers
  union
  select k.connection, k.category, f.answer
  from categories k
  cross join (select 'Declined to answer' as answer union all select 'No response') f
),
quarters as (
  select distinct connection, applied_quarter from apps
),
counts as (
  select connection, applied_quarter, category, answer, furthest_stage_order, count(*) as applications
  from app_answers
  group by connection, applied_quarter, category, answer, furthest_stage_order
)
select
  q.connection,
  q.applied_quarter,
  s.canonical_stage,
  s.stage_order,
  a.category,
  a.answer,
  cast(coalesce(sum(n.applications) filter (where n.furthest_stage_order >= s.stage_order), 0) as bigint) as reached
from quarters q
join answers a on a.connection = q.connection
cross join stages s
left join counts n on n.connection = q.connection and n.applied_quarter = q.applied_quarter and n.category = a.category and n.answer = a.answer
group by q.connection, q.applied_quarter, s.canonical_stage, s.stage_order, a.category, a.answer
