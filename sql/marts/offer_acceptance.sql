-- marts.offer_acceptance: one row per connection and job with at least one offer (job_id null: offers
-- of applications without a job).
--   Each application counts once, by its latest non-deprecated offer version (a revised offer
--   replaces the old one). acceptance_rate = accepted / (accepted + declined); pending offers are
--   not decided yet and stay out of the rate (null while nothing is decided).
with latest as (
  select
    o.connection,
    o.job_id,
    o.status,
    row_number() over (partition by o.connection, o.application_id order by o.version desc, o.created_at desc, o.offer_id desc) as pick
  from {{ ref('offers') }} o
  left join {{ ref('applications') }} a on a.connection = o.connection and a.application_id = o.application_id
  where o.status <> 'deprecated' and not coalesce(a.is_prospect, false)
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
