-- What Ashby's models leave out of core on purpose, per connection, stream and reason (the streams
-- are those of _lineage.yml; marts.dropped_records checks that these explain every record that did
-- not reach core).
select h.connection, 'ashby' as source, 'application_history' as entity, 'its application was deleted in Ashby' as reason, count(*) as records
from (select distinct connection, application_id from {{ ref('stg_ashby__application_history') }}) h
where not exists (
  select 1 from {{ ref('int_ashby__applications') }} a where a.connection = h.connection and a.application_id = h.application_id
)
group by h.connection
