-- severity: warn
-- Raw records that reached no core row although no vendor rule says why (marts.dropped_records):
-- a vendor shape our staging SQL does not handle yet. It warns rather than fails, because the data
-- is the vendor's and the run's other numbers are still right; please report it with the stream.
select connection, source, entity, records
from {{ ref('dropped_records') }}
where layer = 'core' and reason like 'not in core for no known reason%'
