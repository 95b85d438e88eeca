-- Greenhouse interviews with canonical statuses (skipped is cancelled; not-yet-scheduled states are scheduled).
select
  connection,
  interview_id,
  application_id,
  job_id,
  case lower(vendor_status)
    when 'complete' then 'complete'
    when 'awaiting_feedback' then 'awaiting_feedback'
    when 'collect_feedback' then 'awaiting_feedback'
    when 'skipped' then 'cancelled'
    else 'scheduled'
  end as status,
  start_at,
  end_at,
  organizer_id
from {{ ref('stg_greenhouse__interviews') }}
