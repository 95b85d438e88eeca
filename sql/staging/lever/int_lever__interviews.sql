-- Lever interviews with canonical statuses. Lever stores no status: cancelled when canceledAt is
-- set; complete once every interviewer's feedback is in; awaiting_feedback once it has ended;
-- else scheduled. "Ended" is judged against the connection's latest recorded activity (not the
-- clock), so the result depends only on the data.
with as_of as (
  select connection, max(t) as as_of
  from (
    select connection, updated_at as t from {{ ref('stg_lever__opportunities') }}
    union all
    select connection, archived_at from {{ ref('stg_lever__opportunities') }}
    union all
    select connection, last_advanced_at from {{ ref('stg_lever__opportunities') }}
  ) activity
  group by connection
),
panel as (
  select connection, interview_id, count(*) as interviewers
  from {{ ref('stg_lever__interview_people') }}
  group by connection, interview_id
),
submitted as (
  select connection, interview_id, count(*) as forms
  from {{ ref('stg_lever__feedback') }}
  where interview_id is not null
  group by connection, interview_id
)
select
  i.connection,
  i.interview_id,
  i.opportunity_id as application_id,
  coalesce(i.posting_id, a.job_id) as job_id,
  case
    when i.canceled_at is not null then 'cancelled'
    when coalesce(s.forms, 0) > 0 and coalesce(s.forms, 0) >= coalesce(p.interviewers, 0) then 'complete'
    when i.end_at <= x.as_of then 'awaiting_feedback'
    else 'scheduled'
  end as status,
  i.start_at,
  i.end_at,
  i.organizer_id
from {{ ref('stg_lever__interviews') }} i
join {{ ref('int_lever__applications') }} a on a.connection = i.connection and a.application_id = i.opportunity_id
left join as_of x on x.connection = i.connection
left join panel p on p.connection = i.connection and p.interview_id = i.interview_id
left join submitted s on s.connection = i.connection and s.interview_id = i.interview_id
