-- One row per requisition (headcount). headcount_total is null when Lever says "unlimited".
-- time_to_fill_start_at is when the requisition opened for hiring; is_backfill: it replaces someone who left.
select
  _connection as connection,
  _record_id as requisition_id,
  requisition_code,
  name,
  status,
  case when headcount_total <> '' and translate(headcount_total, '0123456789', '') = '' then cast(headcount_total as integer) end as headcount_total,
  cast(headcount_hired as integer) as headcount_hired,
  posting_id,
  lower(backfill) = 'true' as is_backfill,
  {{ epoch_ms('time_to_fill_start_at') }} as time_to_fill_start_at,
  {{ epoch_ms('time_to_fill_end_at') }} as time_to_fill_end_at,
  {{ epoch_ms('closed_at') }} as closed_at,
  {{ epoch_ms('created_at') }} as created_at,
  {{ epoch_ms('updated_at') }} as updated_at
from {{ payload_fields(source('lever', 'requisitions'),
  'requisitionCode as requisition_code', 'name', 'status', 'headcountTotal as headcount_total',
  'headcountHired as headcount_hired', 'postings[0] as posting_id', 'backfill', 'timeToFillStartAt as time_to_fill_start_at',
  'timeToFillEndAt as time_to_fill_end_at', 'closedAt as closed_at', 'createdAt as created_at', 'updatedAt as updated_at') }} r
where not _deleted
