-- What Greenhouse's models leave out of core on purpose: nothing. Every newest record of every
-- stream is one core row (see _lineage.yml); marts.dropped_records still checks that it is so.
select
  cast(null as text) as connection,
  cast(null as text) as source,
  cast(null as text) as entity,
  cast(null as text) as reason,
  cast(0 as bigint) as records
where false
