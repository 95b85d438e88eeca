-- One row per location (office); its address is a schema.org postal address.
select
  _connection as connection,
  _record_id as location_id,
  name,
  locality,
  region,
  country
from {{ payload_fields(source('ashby', 'locations'),
  'name', 'address.postalAddress.addressLocality as locality', 'address.postalAddress.addressRegion as region',
  'address.postalAddress.addressCountry as country') }} r
where not _deleted
