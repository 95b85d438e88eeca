-- Rejection reasons with the canonical rejection_type (same rule as int_greenhouse__applications).
select
  connection,
  rejection_reason_id,
  name,
  case
    when type_key in ('WE_REJECTED_THEM', 'SECURITY_CONCERN') then 'rejected_by_company'
    when type_key = 'THEY_REJECTED_US' then 'withdrawn_by_candidate'
    else 'unspecified'
  end as rejection_type
from {{ ref('stg_greenhouse__rejection_reasons') }}
