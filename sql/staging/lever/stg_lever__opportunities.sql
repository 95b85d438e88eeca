-- One row per Lever opportunity (the newest version; deleted ones are tombstones and drop out).
-- Lever is candidate-centric: an opportunity is one candidate (contact) in one pipeline, and since
-- 2020 it carries at most one application, whose posting is the job. Extraction asks for
-- expand=applications, so applications[0] is the application object. Timestamps are epoch ms.
-- updated_at is null on opportunities untouched since Lever introduced the field.
select
  _connection as connection,
  _record_id as opportunity_id,
  contact as contact_id,
  name as full_name,
  email,
  phone,
  stage as stage_id,
  origin,
  source_name,
  confidentiality,
  application_id,
  posting_id,
  application_type,
  requisition_for_hire_id,
  archive_reason_id,
  {{ epoch_ms('archived_at') }} as archived_at,
  {{ epoch_ms('coalesce(application_created_at, created_at)') }} as applied_at,
  {{ epoch_ms('created_at') }} as created_at,
  {{ epoch_ms('updated_at') }} as updated_at,
  {{ epoch_ms('last_advanced_at') }} as last_advanced_at
from {{ payload_fields(source('lever', 'opportunities'),
  'contact', 'name', 'emails[0] as email', 'phones[0].value as phone', 'stage', 'origin', 'sources[0] as source_name',
  'confidentiality', 'applications[0].id as application_id', 'applications[0].posting as posting_id',
  'applications[0].type as application_type', 'applications[0].createdAt as application_created_at',
  'applications[0].requisitionForHire.id as requisition_for_hire_id',
  'archived.reason as archive_reason_id', 'archived.archivedAt as archived_at',
  'createdAt as created_at', 'updatedAt as updated_at', 'lastAdvancedAt as last_advanced_at') }} r
where not _deleted
