-- severity: warn
-- Answers of an application core.applications does not have (real accounts: the ATS deleted the
-- application). Failing rows name the application, never the answer.
select d.connection, d.application_id, count(*) as answers
from {{ ref('demographic_answers') }} d
where not exists (select 1 from {{ ref('applications') }} a where a.connection = d.connection and a.application_id = d.application_id)
group by d.connection, d.application_id
