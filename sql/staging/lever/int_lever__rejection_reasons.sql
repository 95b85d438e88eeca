-- Lever archive reasons other than hires; Lever does not say which side ended it.
select connection, archive_reason_id as rejection_reason_id, name, 'unspecified' as rejection_type
from {{ ref('stg_lever__archive_reasons') }}
where coalesce(reason_type, '') <> 'hired'
