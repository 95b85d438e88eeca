-- marts.diversity_funnel shows no count below privacy.min_cell (zeros included): every such
-- count is suppressed. A row here is a privacy bug in the mart's SQL; it names the cell, never the
-- count (test output is printed and logged).
select d.connection, d.applied_quarter, d.canonical_stage, d.category, d.answer
from {{ ref('diversity_funnel') }} d
cross join {{ ref('privacy_settings') }} p
where d.reached is not null and d.reached < p.min_cell
   or (d.suppressed and (d.reached is not null or d.conversion_from_previous is not null))
   or (not d.suppressed and d.reached is null)
