-- marts.dropped_records: what a vendor sent that did not make it all the way, per connection,
-- counted by reason, so nothing vanishes silently (`hirelake status` and the run summary show it).
--   layer core:  newest, non-deleted raw records that reached no core row (entity = the vendor's
--                stream): the reasons the vendor's int_<vendor>__dropped_records gives, and any
--                remainder the lineage check (sql/staging/<vendor>/_lineage.yml) finds as
--                "no known reason" — which would be a bug in our SQL.
--   layer marts: core rows left out of the marts (entity = the core table), e.g. visits to a stage
--                no rule maps. Prospects are out of the funnels by definition and not listed.
with explained as (
  select connection, source, entity, reason, sum(records) as records
  from ({{ vendor_union('dropped_records', 'connection, source, entity, reason, records') }}) e
  group by connection, source, entity, reason
),
coverage as (
  {{ record_coverage() }}
),
unexplained as (
  select c.connection, c.source, c.entity, c.records - coalesce(sum(e.records), 0) as records
  from coverage c
  left join explained e on e.connection = c.connection and e.source = c.source and e.entity = c.entity
  group by c.connection, c.source, c.entity, c.records
),
left_out as (
  select connection, 'applications' as entity, 'no usable application date: left out of the cohort marts' as reason, count(*) as records
  from {{ ref('applications') }}
  where applied_at is null and not is_prospect
  group by connection
  union all
  select connection, 'applications', 'hired without a hire time: left out of time_to_hire', count(*)
  from {{ ref('applications') }}
  where status = 'hired' and hired_at is null and not is_prospect
  group by connection
  union all
  select connection, 'stage_visits', 'a stage no rule maps to a canonical stage: left out of the stage marts', count(*)
  from {{ ref('stage_visits') }}
  where canonical_stage is null
  group by connection
  union all
  select connection, 'stage_visits', 'no usable entry time: left out of the stage marts', count(*)
  from {{ ref('stage_visits') }}
  where entered_at is null and canonical_stage is not null
  group by connection
)
select connection, source, entity, 'core' as layer, reason, cast(records as bigint) as records
from explained
where records > 0
union all
select connection, source, entity, 'core', 'not in core for no known reason (please report it)', cast(records as bigint)
from unexplained
where records > 0
union all
select l.connection, c.source, l.entity, 'marts', l.reason, cast(l.records as bigint)
from left_out l
left join {{ ref('connections') }} c on c.connection = l.connection
where l.records > 0
