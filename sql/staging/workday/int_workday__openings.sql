-- Openings (positions filled through a requisition) are not read from Workday: no rows.
select
  cast(null as text) as connection,
  cast(null as text) as opening_id,
  cast(null as text) as job_id,
  cast(null as text) as opening_key,
  cast(null as text) as status,
  cast(null as timestamptz) as opened_at,
  cast(null as timestamptz) as closed_at,
  cast(null as text) as application_id
where false
