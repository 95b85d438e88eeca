-- Workable offers: a candidate's latest offer only (earlier versions are not shown), keyed by the
-- candidate. accepted = accepted; rejected (the candidate declined) = declined; anything else
-- (draft, pending approval, sent) = pending. Resolved at the hire or the rejection that followed;
-- Workable gives no version number and no sent time.
select
  o.connection,
  o.candidate_id as offer_id,
  o.candidate_id as application_id,
  a.job_id,
  cast(null as integer) as version,
  case o.state when 'accepted' then 'accepted' when 'rejected' then 'declined' when 'declined' then 'declined' else 'pending' end as status,
  o.created_at,
  cast(null as date) as sent_at,
  case o.state when 'accepted' then a.hired_at when 'rejected' then a.rejected_at when 'declined' then a.rejected_at end as resolved_at,
  o.starts_on
from {{ ref('stg_workable__offers') }} o
left join {{ ref('int_workable__applications') }} a on a.connection = o.connection and a.application_id = o.candidate_id
