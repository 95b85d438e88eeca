-- What Lever's models leave out of core on purpose, per connection, stream and reason (the streams
-- are those of _lineage.yml; marts.dropped_records checks that these explain every record that
-- did not reach core).
with feedback as (
  select _connection as connection, opportunity_id, deleted_at
  from {{ payload_fields(source('lever', 'feedback'), 'opportunityId as opportunity_id', 'deletedAt as deleted_at') }} r
  where not _deleted
),
children as (
  select connection, 'feedback' as entity, opportunity_id from feedback where deleted_at is null
  union all
  select connection, 'offers', opportunity_id from {{ ref('stg_lever__offers') }}
  union all
  select connection, 'interviews', opportunity_id from {{ ref('stg_lever__interviews') }}
),
orphans as (
  select c.connection, c.entity, count(*) as records
  from children c
  where not exists (
    select 1 from {{ ref('int_lever__applications') }} a where a.connection = c.connection and a.application_id = c.opportunity_id
  )
  group by c.connection, c.entity
)
select connection, 'lever' as source, 'feedback' as entity, 'deleted in Lever (deletedAt set)' as reason, count(*) as records
from feedback
where deleted_at is not null
group by connection
union all
select connection, 'lever', entity, 'its opportunity was deleted in Lever', records
from orphans
union all
select connection, 'lever', 'stages', 'a lead stage (prospecting, outside every job''s plan)', count(*)
from {{ ref('stg_lever__stages') }}
where is_lead
group by connection
union all
select connection, 'lever', 'archive_reasons', 'the hired archive reason (marks hires, not a rejection reason)', count(*)
from {{ ref('stg_lever__archive_reasons') }}
where coalesce(reason_type, '') = 'hired'
group by connection
union all
select connection, 'lever', 'requisitions', 'unlimited headcount: no countable openings', count(*)
from {{ ref('stg_lever__requisitions') }}
where headcount_total is null
group by connection
