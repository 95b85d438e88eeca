-- One row per Ashby offer with its latest version (offer.list lists only that; earlier versions of
-- a revised offer are not read). acceptanceStatus: Accepted, Declined, Pending, Created, Cancelled,
-- WaitingOnResponse.
select
  _connection as connection,
  _record_id as offer_id,
  application_id,
  acceptance_status,
  offer_status,
  {{ parse_timestamp('decided_at') }} as decided_at,
  version_id,
  {{ parse_timestamp('version_created_at') }} as version_created_at,
  start_date,
  opening_id
from {{ payload_fields(source('ashby', 'offers'),
  'applicationId as application_id', 'acceptanceStatus as acceptance_status', 'offerStatus as offer_status',
  'decidedAt as decided_at', 'latestVersion.id as version_id', 'latestVersion.createdAt as version_created_at',
  'latestVersion.startDate as start_date', 'latestVersion.openingId as opening_id') }} r
where not _deleted
