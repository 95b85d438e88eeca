-- Workday job applications in the canonical shape (see core/applications.sql).
--   status: hired at Ready for Hire, rejected once a disposition is set, else active.
--   rejected_at / hired_at: Status_Timestamp, the moment of the latest status change, which for a
--     dispositioned or Ready-for-Hire application is that outcome.
--   current stage: the workflow step; for a hire, the step of its last visit (Ready for Hire is the
--     outcome, not a stage; a hired application stays in its last stage, as with other vendors).
--   rejection_type: Workday's dispositions carry no who-ended-it category in Get_Candidates, so
--     'unspecified'. Prospects are Workday candidates without job applications: none appear here.
--   people: a job application names no recruiter or coordinator of its own (core takes the
--     requisition's recruiter); Referred_By_Worker is the referrer and the one credited (Workday
--     records no other credit); an outside referrer is no worker and is not shown.
with last_visit as (
  select
    connection,
    application_id,
    stage_id,
    row_number() over (partition by connection, application_id order by entered_at desc, visit_id desc) as pick
  from {{ ref('int_workday__stage_visits') }}
),
apps as (
  select
    a.*,
    (not a.is_hired and a.disposition_id is not null) as is_rejected,
    case when a.is_hired then v.stage_id else a.step_name end as current_step
  from {{ ref('stg_workday__job_applications') }} a
  left join last_visit v on v.connection = a.connection and v.application_id = a.application_id and v.pick = 1
)
select
  connection,
  application_id,
  candidate_id,
  job_id,
  false as is_prospect,
  source_name,
  applied_at,
  case when is_hired then 'hired' when is_rejected then 'rejected' else 'active' end as status,
  current_step as current_stage_id,
  current_step as current_stage_name,
  case when is_rejected then status_changed_at end as rejected_at,
  case when is_rejected then disposition_name end as rejection_reason,
  case when is_rejected then 'unspecified' end as rejection_type,
  case when is_hired then status_changed_at end as hired_at,
  cast(null as text) as recruiter_id,
  cast(null as text) as coordinator_id,
  referred_by_employee_id as credited_to_user_id,
  referred_by_name as referrer_name,
  referred_by_employee_id as referrer_user_id
from apps
