-- Greenhouse applications in the canonical shape (see core/applications.sql).
-- v3 applications carry no hire time: a hire fills an opening, which closes at that moment, so
-- hired_at is the filled opening's closed_at, or else the accepted offer's resolved_at.
with filled as (
  select connection, application_id, min(closed_at) as filled_at
  from {{ ref('stg_greenhouse__openings') }}
  where application_id is not null and closed_at is not null
  group by connection, application_id
),
-- The v3 reference leaves job_interview_stage_id null "for applications in a terminal state": a
-- rejected or hired application's stage is the one its stage history still marks current.
current_visit as (
  select connection, application_id, max(stage_id) as stage_id
  from {{ ref('stg_greenhouse__application_stages') }}
  where is_current
  group by connection, application_id
),
accepted as (
  select connection, application_id, max(resolved_at) as accepted_at
  from {{ ref('stg_greenhouse__offers') }}
  where lower(vendor_status) = 'accepted'
  group by connection, application_id
)
select
  a.connection,
  a.application_id,
  a.candidate_id,
  a.job_id,
  coalesce(a.is_prospect, false) as is_prospect,
  s.name as source_name,
  a.applied_at,
  case lower(a.vendor_status) when 'hired' then 'hired' when 'rejected' then 'rejected' else 'active' end as status,
  coalesce(a.current_stage_id, cv.stage_id) as current_stage_id,
  a.current_stage_name,
  case when lower(a.vendor_status) = 'rejected' then a.rejected_at end as rejected_at,
  case when lower(a.vendor_status) = 'rejected' then r.name end as rejection_reason,
  case
    when lower(a.vendor_status) <> 'rejected' then null
    when r.type_key in ('WE_REJECTED_THEM', 'SECURITY_CONCERN') then 'rejected_by_company'
    when r.type_key = 'THEY_REJECTED_US' then 'withdrawn_by_candidate'
    else 'unspecified'
  end as rejection_type,
  case when lower(a.vendor_status) = 'hired' then coalesce(f.filled_at, o.accepted_at) end as hired_at
from {{ ref('stg_greenhouse__applications') }} a
left join {{ ref('stg_greenhouse__sources') }} s on s.connection = a.connection and s.source_id = a.source_id
left join {{ ref('stg_greenhouse__rejection_reasons') }} r on r.connection = a.connection and r.rejection_reason_id = a.rejection_reason_id
left join filled f on f.connection = a.connection and f.application_id = a.application_id
left join accepted o on o.connection = a.connection and o.application_id = a.application_id
left join current_visit cv on cv.connection = a.connection and cv.application_id = a.application_id
