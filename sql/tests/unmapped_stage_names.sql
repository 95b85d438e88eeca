-- severity: warn
-- Stage names neither the default list (seeds/stage_names.csv) nor the connection's stage_mapping
-- knows. Their visits keep a null canonical_stage and are left out of the funnel and stage marts;
-- map them in config (connections[].stage_mapping) to count them.
select connection, stage_name, count(distinct job_id) as jobs
from {{ ref('job_stages') }}
where canonical_stage is null
group by connection, stage_name
