-- core.job_stages: one row per stage of a job's plan, mapped to a canonical stage.
-- The connection's stage_mapping (config) wins over the default name list (seeds/stage_names.csv);
-- names are compared ignoring case, spaces, "_" and "-". Unknown names keep a null canonical_stage
-- and are reported (hirelake status, data test unmapped_stage_names), never dropped.
with stages as (
  {{ vendor_union('job_stages', 'connection, job_id, stage_id, stage_name, sort_order') }}
),
overrides as (
  select connection, {{ stage_key('stage_name') }} as stage_key, min(canonical_stage) as canonical_stage
  from {{ ref('stage_mapping_overrides') }}
  group by connection, {{ stage_key('stage_name') }}
),
defaults as (
  select {{ stage_key('stage_name') }} as stage_key, min(canonical_stage) as canonical_stage
  from {{ ref('stage_names') }}
  group by {{ stage_key('stage_name') }}
)
select
  s.connection,
  s.job_id,
  s.stage_id,
  s.stage_name,
  s.sort_order,
  coalesce(o.canonical_stage, d.canonical_stage) as canonical_stage
from stages s
left join overrides o on o.connection = s.connection and o.stage_key = {{ stage_key('s.stage_name') }}
left join defaults d on d.stage_key = {{ stage_key('s.stage_name') }}
