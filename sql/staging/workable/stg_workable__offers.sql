-- One row per candidate's offer: Workable shows only a candidate's latest offer, keyed here by the
-- candidate. state: draft, sent, accepted, rejected (the candidate declined), … The start date is
-- the document variable with slug start_date.
with start_dates as (
  select _connection as connection, _record_id as candidate_id, min(value) as start_date
  from {{ payload_array(source('workable', 'offers'), 'document_variables', 'document_variable.slug as slug', 'value.body as value') }} v
  where not _deleted and slug = 'start_date'
  group by _connection, _record_id
)
select
  r._connection as connection,
  r._record_id as candidate_id,
  r.state,
  {{ parse_timestamp('r.created_at') }} as created_at,
  {{ utc_date(parse_timestamp('s.start_date')) }} as starts_on
from {{ payload_fields(source('workable', 'offers'), 'state', 'created_at') }} r
left join start_dates s on s.connection = r._connection and s.candidate_id = r._record_id
where not r._deleted
