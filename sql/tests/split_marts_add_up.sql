-- The marts split for dashboards add up to the marts they split: source_funnel summed over jobs and
-- months is source_effectiveness, offers_monthly summed over months is offer_acceptance.
with sources as (
  select connection, source_name, sum(applications) as applications, sum(reached_interview) as reached_interview,
    sum(reached_offer) as reached_offer, sum(hires) as hires
  from {{ ref('source_funnel') }}
  group by connection, source_name
),
offers as (
  select connection, job_id, sum(offers) as offers, sum(accepted) as accepted, sum(declined) as declined, sum(pending) as pending
  from {{ ref('offers_monthly') }}
  group by connection, job_id
)
select 'source_effectiveness' as mart, coalesce(s.connection, e.connection) as connection, coalesce(s.source_name, e.source_name) as item
from sources s
full join {{ ref('source_effectiveness') }} e
  on e.connection = s.connection and e.source_name is not distinct from s.source_name
where s.connection is null or e.connection is null or s.applications <> e.applications or s.reached_interview <> e.reached_interview
  or s.reached_offer <> e.reached_offer or s.hires <> e.hires
union all
select 'offer_acceptance', coalesce(o.connection, a.connection), coalesce(o.job_id, a.job_id)
from offers o
full join {{ ref('offer_acceptance') }} a on a.connection = o.connection and a.job_id is not distinct from o.job_id
where o.connection is null or a.connection is null or o.offers <> a.offers or o.accepted <> a.accepted
  or o.declined <> a.declined or o.pending <> a.pending
