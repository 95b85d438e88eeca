-- core.demographic_answers holds a connection, an application id, a category and an answer on every
-- row (the core model drops blank answers; the vendor models key answers by application). Failing
-- rows name the application and the problem, never the answer: test output is printed and logged.
select connection, application_id, category, 'a column is null' as problem
from {{ ref('demographic_answers') }}
where connection is null or application_id is null or category is null or answer is null
union all
-- A category is one of the four EEO questions or an account's own question (custom:<key>).
select connection, application_id, category, 'an unknown category' as problem
from {{ ref('demographic_answers') }}
where category not in ('gender', 'race', 'veteran_status', 'disability_status') and category not like 'custom:%'
