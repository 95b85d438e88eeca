-- severity: warn
-- An application is in one stage at a time: no visit starts before the previous one ended.
-- A warn: vendor stage history is editable (Greenhouse, Ashby "set entered at"), and real accounts
-- have overlapping rows; the stage marts count each visit as the vendor recorded it.
select connection, application_id, visit_id, entered_at, previous_exited_at
from (
  select
    connection,
    application_id,
    visit_id,
    entered_at,
    lag(exited_at) over (partition by connection, application_id order by entered_at, visit_id) as previous_exited_at
  from {{ ref('stage_visits') }}
) v
where entered_at < previous_exited_at
