-- One row per offer. opportunity_id was added at extraction (Lever lists offers per opportunity
-- and the offer itself does not name it). Lever's statuses: draft, approval-sent, approved, sent,
-- sent-manually, opened, denied, signed.
select
  _connection as connection,
  _record_id as offer_id,
  opportunity_id,
  posting_id,
  status as vendor_status,
  {{ epoch_ms('created_at') }} as created_at,
  -- The documented offers carry no sentAt, only the sent document: once the status says it went
  -- out, that document's upload is when.
  {{ epoch_ms("coalesce(sent_at, case when status in ('sent', 'sent-manually', 'opened', 'denied', 'signed') then sent_document_at end)") }} as sent_at,
  {{ epoch_ms('signed_at') }} as signed_at
from {{ payload_fields(source('lever', 'offers'),
  'opportunityId as opportunity_id', 'posting as posting_id', 'status', 'createdAt as created_at',
  'sentAt as sent_at', 'sentDocument.uploadedAt as sent_document_at', 'signedDocument.uploadedAt as signed_at') }} r
where not _deleted
