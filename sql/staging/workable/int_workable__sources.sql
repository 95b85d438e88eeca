-- Workable has no source list: each source a candidate names (common_source, else the referring
-- domain) is one, typed by Workable's category.
select connection, source_name as source_id, source_name as name, min(source_category) as source_type
from {{ ref('stg_workable__candidates') }}
where source_name is not null
group by connection, source_name
