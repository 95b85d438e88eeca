-- Workable disqualification reasons: "candidate withdrew" or "candidate rejected".
select
  connection,
  reason_id as rejection_reason_id,
  description as name,
  case when candidate_withdrew then 'withdrawn_by_candidate' else 'rejected_by_company' end as rejection_type
from {{ ref('stg_workable__disqualification_reasons') }}
