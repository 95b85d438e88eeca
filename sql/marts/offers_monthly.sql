-- marts.offers_monthly: one row per connection, job and offer month (UTC) with at least one offer.
-- offer_acceptance split by the month the offer was made, so a dashboard can show offers per month
-- and filter them by period: summed over months it is offer_acceptance.
--   Each application counts once, by its latest non-deprecated offer version, in the month that
--   version was created. offers = accepted + declined + pending; no rate column: acceptance over
--   filtered rows is sum(accepted) / (sum(accepted) + sum(declined)).
--   job_name, department_name, office_name: the job's, as in core.jobs. Prospects are excluded.
with latest as (
  select
    o.connection,
    o.job_id,
    o.status,
    o.created_at,
    row_number() over (partition by o.connection, o.application_id order by o.version desc, o.created_at desc, o.offer_id desc) as pick
  from {{ ref('offers') }} o
  left join {{ ref('applications') }} a on a.connection = o.connection and a.application_id = o.application_id
  where o.status <> 'deprecated' and not coalesce(a.is_prospect, false)
),
counts as (
  select
    connection,
    job_id,
    {{ month_start('created_at') }} as offer_month,
    count(*) as offers,
    count(*) filter (where status = 'accepted') as accepted,
    count(*) filter (where status = 'declined') as declined,
    count(*) filter (where status = 'pending') as pending
  from latest
  where pick = 1
  group by connection, job_id, {{ month_start('created_at') }}
)
select
  c.connection,
  c.job_id,
  j.name as job_name,
  j.department_name,
  j.office_name,
  c.offer_month,
  c.offers,
  c.accepted,
  c.declined,
  c.pending
from counts c
left join {{ ref('jobs') }} j on j.connection = c.connection and j.job_id = c.job_id
