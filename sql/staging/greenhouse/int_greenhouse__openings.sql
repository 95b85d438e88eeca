-- Greenhouse openings: filled when closed with a hired application attached.
select
  connection,
  opening_id,
  job_id,
  opening_key,
  case when closed_at is null then 'open' when application_id is not null then 'filled' else 'closed' end as status,
  opened_at,
  closed_at,
  application_id
from {{ ref('stg_greenhouse__openings') }}
