-- What Workable's models leave out of core on purpose, per connection, stream and reason (streams
-- of _lineage.yml; marts.dropped_records checks that these explain every record that did not
-- reach core). Activities reach core.stage_visits when they begin a stay; the others are read for
-- the application's outcome or not at all.
with stays as (
  select connection, visit_id from {{ ref('int_workable__stage_visits') }}
),
entries as (
  select connection, entry_id, stage_kind from {{ ref('int_workable__stage_entries') }}
),
activities as (
  select
    a.connection,
    case
      when e.stage_kind = 'hired' then 'the move to Hired (the application''s hire time)'
      when e.stage_kind = 'sourced' then 'an arrival or move into Sourced (a prospect, outside the pipeline)'
      when a.action = 'disqualified' then 'a disqualification (the application''s rejection, unless reverted)'
      when a.action = 'reverted' then 'a requalification (reverts a disqualification)'
      else 'not a stage move (comments, messages, ratings, …)'
    end as reason
  from {{ ref('stg_workable__activities') }} a
  left join entries e on e.connection = a.connection and e.entry_id = a.activity_id
  where not exists (select 1 from stays s where s.connection = a.connection and s.visit_id = a.activity_id)
)
select connection, 'workable' as source, 'activities' as entity, reason, count(*) as records
from activities
group by connection, reason
union all
select connection, 'workable', 'job_stages', 'a Sourced or Hired stage (marks prospects and hires, not a stay)', count(*)
from {{ ref('stg_workable__job_stages') }}
where kind in ('sourced', 'hired')
group by connection
