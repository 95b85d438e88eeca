-- Ashby archive reasons: reasonType says who ended it.
select
  connection,
  archive_reason_id as rejection_reason_id,
  name,
  case reason_type when 'RejectedByOrg' then 'rejected_by_company' when 'RejectedByCandidate' then 'withdrawn_by_candidate' else 'unspecified' end as rejection_type
from {{ ref('stg_ashby__archive_reasons') }}
