-- marts.job_fill: one row per job opening.
--   filled_at: when a hire filled it (the opening closed with a hired application); null while open
--   or when it closed without a hire. days_to_fill = opened_at → filled_at in calendar days.
select
  connection,
  job_id,
  opening_id,
  opened_at,
  case when status = 'filled' then closed_at end as filled_at,
  case when status = 'filled' then {{ days_between('opened_at', 'closed_at') }} end as days_to_fill
from {{ ref('openings') }}
