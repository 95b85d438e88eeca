-- Interviews (Get_Interviews) are not read from Workday yet: no rows.
select
  cast(null as text) as connection,
  cast(null as text) as interview_id,
  cast(null as text) as application_id,
  cast(null as text) as job_id,
  cast(null as text) as status,
  cast(null as timestamptz) as start_at,
  cast(null as timestamptz) as end_at,
  cast(null as text) as organizer_id
where false
