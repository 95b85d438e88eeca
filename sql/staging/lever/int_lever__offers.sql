-- Lever offers with canonical statuses. Lever has no declined or deprecated offer status:
--   signed = accepted; an offer followed by a newer one on the same opportunity = deprecated
--   (a revision); otherwise the latest offer takes the opportunity's outcome: hired = accepted,
--   archived for any other reason = declined (resolved at archivedAt), still open = pending.
-- version counts an opportunity's offers by creation; the start date is the offer form's
-- anticipated_start_date field.
with offers as (
  select
    f.*,
    row_number() over (partition by f.connection, f.opportunity_id order by f.created_at, f.offer_id) as version,
    count(*) over (partition by f.connection, f.opportunity_id) as versions
  from {{ ref('stg_lever__offers') }} f
),
start_dates as (
  select connection, offer_id, min(value) as start_ms
  from {{ ref('stg_lever__offer_fields') }}
  where identifier = 'anticipated_start_date'
  group by connection, offer_id
),
classified as (
  select
    f.*,
    a.job_id as application_job_id,
    a.hired_at,
    a.rejected_at,
    case
      when f.vendor_status = 'signed' then 'accepted'
      -- Lever's documented status for an offer the candidate turned down.
      when f.vendor_status = 'denied' and f.version = f.versions then 'declined'
      when f.version < f.versions then 'deprecated'
      when a.status = 'hired' then 'accepted'
      when a.status = 'rejected' then 'declined'
      else 'pending'
    end as status
  from offers f
  join {{ ref('int_lever__applications') }} a on a.connection = f.connection and a.application_id = f.opportunity_id
)
select
  c.connection,
  c.offer_id,
  c.opportunity_id as application_id,
  coalesce(c.posting_id, c.application_job_id) as job_id,
  cast(c.version as integer) as version,
  c.status,
  c.created_at,
  {{ utc_date('c.sent_at') }} as sent_at,
  case c.status when 'accepted' then coalesce(c.hired_at, c.signed_at) when 'declined' then c.rejected_at end as resolved_at,
  {{ utc_date('to_timestamp(cast(s.start_ms as bigint) / 1000.0)') }} as starts_on
from classified c
left join start_dates s on s.connection = c.connection and s.offer_id = c.offer_id
