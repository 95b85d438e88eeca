-- One row per requisition (headcount). headcount_total is null when Lever says "unlimited".
-- time_to_fill_start_at is when the requisition opened for hiring.
select
  _connection as connection,
  _record_id as requisition_id,
  requisition_code,
  name,
  status,
  case when headcount_total <> '' and translate(headcount_total, '0123456789', '') = '' then cast(headcount_total as integer) end as headcount_total,
  cast(headcount_hired as integer) as headcount_hired,
  posting_id,
  to_timestamp(cast(time_to_fill_start_at as bigint) / 1000.0) as time_to_fill_start_at,
  to_timestamp(cast(time_to_fill_end_at as bigint) / 1000.0) as time_to_fill_end_at,
  to_timestamp(cast(closed_at as bigint) / 1000.0) as closed_at,
  to_timestamp(cast(created_at as bigint) / 1000.0) as created_at,
  to_timestamp(cast(updated_at as bigint) / 1000.0) as updated_at
from {{ payload_fields(source('lever', 'requisitions'),
  'requisitionCode as requisition_code', 'name', 'status', 'headcountTotal as headcount_total',
  'headcountHired as headcount_hired', 'postings[0] as posting_id', 'timeToFillStartAt as time_to_fill_start_at',
  'timeToFillEndAt as time_to_fill_end_at', 'closedAt as closed_at', 'createdAt as created_at', 'updatedAt as updated_at') }} r
where not _deleted
