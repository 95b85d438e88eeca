-- Each job's own pipeline stages (Sourced and Hired are markers, not stays: left out), in
-- Workable's position order. A job deleted before hirelake read it has no stage list: its stages
-- are those its candidates' activities name (with their newest name, and no position).
with listed as (
  select connection, job_id, stage_id, stage_name, position
  from {{ ref('stg_workable__job_stages') }}
  where kind not in ('sourced', 'hired')
),
named as (
  select
    e.connection, c.job_id, e.stage_id, e.stage_name,
    row_number() over (partition by e.connection, c.job_id, e.stage_id order by e.entered_at desc, e.entry_id desc) as pick
  from {{ ref('int_workable__stage_entries') }} e
  join {{ ref('stg_workable__candidates') }} c on c.connection = e.connection and c.candidate_id = e.candidate_id
  where e.is_stay
)
select connection, job_id, stage_id, stage_name, position as sort_order
from listed
union all
select n.connection, n.job_id, n.stage_id, n.stage_name, cast(null as integer)
from named n
where n.pick = 1
  and not exists (select 1 from listed l where l.connection = n.connection and l.stage_id = n.stage_id)
