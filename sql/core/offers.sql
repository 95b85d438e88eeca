-- core.offers: one row per offer version; status accepted / declined / pending / deprecated.
{{ vendor_union('offers', 'connection, offer_id, application_id, job_id, version, status, created_at, sent_at, resolved_at, starts_on') }}
