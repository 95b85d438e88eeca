-- Ashby interview events as canonical interviews (a schedule holds one application's interviews in
-- one stage; each event is one interview). Status is the schedule's: Cancelled = cancelled,
-- Complete = complete, WaitingOnFeedback = awaiting_feedback, anything else (Scheduled, the
-- scheduling and on-hold states) = scheduled. The organizer is who scheduled it.
select
  e.connection,
  e.event_id as interview_id,
  s.application_id,
  a.job_id,
  case s.status when 'Cancelled' then 'cancelled' when 'Complete' then 'complete' when 'WaitingOnFeedback' then 'awaiting_feedback' else 'scheduled' end as status,
  e.start_at,
  e.end_at,
  s.organizer_id
from {{ ref('stg_ashby__interview_events') }} e
join {{ ref('stg_ashby__interview_schedules') }} s on s.connection = e.connection and s.schedule_id = e.schedule_id
left join {{ ref('stg_ashby__applications') }} a on a.connection = s.connection and a.application_id = s.application_id
