-- marts.interviewer_load: one row per connection, interviewer and ISO week (Monday, UTC) of the
-- interviews they sat on. Cancelled interviews and interviews without a start are left out.
--   interviews: panels sat on; hours: their scheduled length in hours;
--   scorecards_submitted; median_hours_to_submit: interview end → scorecard submitted, over the
--   submitted ones (hours, fractional);
--   scorecards_due: scorecards submitted, or expected for more than 24 hours (the interview ended
--   more than a day before the connection's latest activity, as stage_durations' "now");
--   scorecards_overdue: due ones submitted more than 24 hours after the interview ended or still
--   missing; share_overdue = overdue / due;
--   strong_yes / yes / no / strong_no / no_decision: the submitted scorecards' recommendations.
--   interviewer_name: the user's name (core.users; null for a user the ATS deleted).
with seats as (
  select
    ii.connection,
    ii.user_id,
    {{ week_start('i.start_at') }} as week_start,
    {{ micros_between('i.start_at', 'i.end_at') }} as micros,
    s.submitted_at,
    s.overall_recommendation,
    case when s.submitted_at is not null then {{ micros_between('i.end_at', 's.submitted_at') }} end as micros_to_submit,
    s.submitted_at is not null or {{ days_between('i.end_at', 'x.last_activity') }} > 1 as is_due,
    coalesce({{ days_between('i.end_at', 's.submitted_at') }} > 1, {{ days_between('i.end_at', 'x.last_activity') }} > 1) as is_overdue
  from {{ ref('interview_interviewers') }} ii
  join {{ ref('interviews') }} i on i.connection = ii.connection and i.interview_id = ii.interview_id
  left join {{ ref('scorecards') }} s on s.connection = ii.connection and s.scorecard_id = ii.scorecard_id
  join {{ ref('int_connection_activity') }} x on x.connection = ii.connection
  where i.status <> 'cancelled' and i.start_at is not null
)
select
  s.connection,
  s.user_id,
  u.full_name as interviewer_name,
  s.week_start,
  count(*) as interviews,
  -- Sums and medians over whole microseconds, then one division: the same double on every engine.
  cast(sum(s.micros) as double precision) / 3600000000.0 as hours,
  count(s.submitted_at) as scorecards_submitted,
  percentile_cont(0.5) within group (order by s.micros_to_submit) / 3600000000.0 as median_hours_to_submit,
  count(*) filter (where s.is_due) as scorecards_due,
  count(*) filter (where s.is_due and s.is_overdue) as scorecards_overdue,
  {{ ratio('count(*) filter (where s.is_due and s.is_overdue)', 'count(*) filter (where s.is_due)') }} as share_overdue,
  count(*) filter (where s.overall_recommendation = 'strong_yes') as strong_yes,
  count(*) filter (where s.overall_recommendation = 'yes') as yes,
  count(*) filter (where s.overall_recommendation = 'no') as no,
  count(*) filter (where s.overall_recommendation = 'strong_no') as strong_no,
  count(*) filter (where s.overall_recommendation = 'no_decision') as no_decision
from seats s
left join {{ ref('users') }} u on u.connection = s.connection and u.user_id = s.user_id
group by s.connection, s.user_id, u.full_name, s.week_start
