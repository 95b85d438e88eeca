-- marts.offer_acceptance: one row per connection and job with at least one offer.
--   Each application counts once, by its latest non-deprecated offer version (a revised offer
--   replaces the old one). acceptance_rate = accepted / (accepted + declined); pending offers are
--   not decided yet and stay out of the rate (null while nothing is decided).
with latest as (
  select
    connection,
    job_id,
    status,
    row_number() over (partition by connection, application_id order by version desc, created_at desc, offer_id desc) as pick
  from {{ ref('offers') }}
  where status <> 'deprecated'
)
select
  connection,
  job_id,
  count(*) as offers,
  count(*) filter (where status = 'accepted') as accepted,
  count(*) filter (where status = 'declined') as declined,
  count(*) filter (where status = 'pending') as pending,
  {{ ratio("count(*) filter (where status = 'accepted')", "count(*) filter (where status in ('accepted', 'declined'))") }} as acceptance_rate
from latest
where pick = 1
group by connection, job_id
