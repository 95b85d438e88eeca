-- Greenhouse candidates in the canonical shape (PII columns are dropped in core unless configured).
select connection, candidate_id, created_at, first_name, last_name, email, phone
from {{ ref('stg_greenhouse__candidates') }}
