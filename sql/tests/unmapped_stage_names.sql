-- severity: warn
-- Stage names no rule maps (no stage_mapping, default name, keyword or position in a plan): their
-- visits keep a null canonical_stage and are left out of the funnel and stage marts (counted in
-- marts.dropped_records). Map them in config (connections[].stage_mapping).
select connection, stage_name, count(distinct coalesce(job_id, '')) as jobs
from {{ ref('job_stages') }}
where canonical_stage is null
group by connection, stage_name
