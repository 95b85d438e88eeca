-- severity: warn
-- Stage names mapped by inference (a keyword in the name, or the stage's position in its job's
-- plan; see core/job_stages.sql), with the reason: confirm or override each with one line of the
-- connection's stage_mapping (`"HM Review": screen`), after which it is no longer listed.
select connection, stage_name, canonical_stage, mapping_source, mapping_reason, count(distinct coalesce(job_id, '')) as jobs
from {{ ref('job_stages') }}
where mapping_source in ('keyword', 'position')
group by connection, stage_name, canonical_stage, mapping_source, mapping_reason
