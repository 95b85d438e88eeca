-- marts.recruiter_performance: one row per connection, recruiter and application month (UTC) with
-- applications. The recruiter is the application's (core.applications.recruiter_id: its own, else
-- its job's primary); applications nobody owns are recruiter_id null. Prospects are excluded.
-- Cohort by application date, as the funnel:
--   applications; reached_screen / reached_interview / reached_offer: furthest stage at least that
--   one (implied pass-through); hires; median_days_to_hire over the cohort's hires (calendar days);
--   offers_accepted: applications whose latest non-deprecated offer was accepted (as offer_acceptance).
--   recruiter_name: the user's name (core.users; null for a user the ATS deleted).
with progress as (
  select * from {{ ref('int_applications_progressed') }}
),
latest_offer as (
  select connection, application_id, status,
    row_number() over (partition by connection, application_id order by version desc, created_at desc, offer_id desc) as pick
  from {{ ref('offers') }}
  where status <> 'deprecated'
)
select
  p.connection,
  p.recruiter_id,
  u.full_name as recruiter_name,
  p.applied_month,
  count(*) as applications,
  count(*) filter (where p.furthest_stage_order >= 2) as reached_screen,
  count(*) filter (where p.furthest_stage_order >= 3) as reached_interview,
  count(*) filter (where p.furthest_stage_order >= 4) as reached_offer,
  count(*) filter (where p.status = 'hired') as hires,
  -- Over whole microseconds, so the median is the same double on every engine.
  percentile_cont(0.5) within group (order by case when p.status = 'hired' then {{ micros_between('p.applied_at', 'p.hired_at') }} end) / 86400000000.0 as median_days_to_hire,
  count(*) filter (where o.status = 'accepted') as offers_accepted
from progress p
left join latest_offer o on o.connection = p.connection and o.application_id = p.application_id and o.pick = 1
left join {{ ref('users') }} u on u.connection = p.connection and u.user_id = p.recruiter_id
group by p.connection, p.recruiter_id, u.full_name, p.applied_month
