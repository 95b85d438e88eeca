-- Offers live in Workday's Offer/Employment Agreement business processes, which the three
-- Recruiting operations hirelake reads do not return: no Workday rows.
select
  cast(null as text) as connection,
  cast(null as text) as offer_id,
  cast(null as text) as application_id,
  cast(null as text) as job_id,
  cast(null as integer) as version,
  cast(null as text) as status,
  cast(null as timestamptz) as created_at,
  cast(null as date) as sent_at,
  cast(null as timestamptz) as resolved_at,
  cast(null as date) as starts_on
where false
