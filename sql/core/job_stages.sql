-- core.job_stages: one row per stage of a job's plan, mapped to a canonical stage. A null job_id is
-- the plan of applications without a job (vendors whose pipeline is account-wide, e.g. Lever).
-- The mapping, first rule that applies (names compared ignoring case, spaces, "_" and "-"):
--   1. config    the connection's stage_mapping;
--   2. default   the default name list (seeds/stage_names.csv);
--   3. keyword   a word in the name (seeds/stage_keywords.csv: offer, interview, onsite, screen, …);
--   4. position  the job's own pipeline order: the canonical stage of the nearest stage before it
--                that rules 1–3 mapped ("HM Review" after "Phone Screen" is a screen), or applied
--                when it comes before every such stage.
-- Rules 3 and 4 are inferences: mapping_source and mapping_reason say why, `hirelake status` and
-- the inferred_stage_mappings data test list them so a data team can confirm or override them in
-- one line of stage_mapping. A stage with no position that no rule maps keeps a null
-- canonical_stage (its visits stay in core.stage_visits and are counted in marts.dropped_records).
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
),
named as (
  select
    s.connection,
    s.job_id,
    coalesce(s.job_id, '') as job_key,
    s.stage_id,
    s.stage_name,
    s.sort_order,
    coalesce(o.canonical_stage, d.canonical_stage) as named_stage,
    case when o.canonical_stage is not null then 'config' when d.canonical_stage is not null then 'default' end as named_source,
    -- Words of the name padded with spaces, so a keyword matches at the start of a word.
    ' ' || trim(regexp_replace(lower(s.stage_name), '[^a-z0-9]+', ' ', 'g')) || ' ' as words
  from stages s
  left join overrides o on o.connection = s.connection and o.stage_key = {{ stage_key('s.stage_name') }}
  left join defaults d on d.stage_key = {{ stage_key('s.stage_name') }}
),
keyword_hits as (
  select
    n.connection,
    n.job_key,
    n.stage_id,
    k.keyword,
    k.canonical_stage,
    row_number() over (partition by n.connection, n.job_key, n.stage_id order by cast(k.priority as integer), length(k.keyword) desc, k.keyword) as pick
  from named n
  join {{ ref('stage_keywords') }} k on strpos(n.words, ' ' || k.keyword) > 0
  where n.named_stage is null
),
anchored as (
  -- Stages rules 1–3 map: the anchors of the position rule.
  select
    n.*,
    coalesce(n.named_stage, k.canonical_stage) as anchor_stage,
    coalesce(n.named_source, case when k.keyword is not null then 'keyword' end) as anchor_source,
    k.keyword
  from named n
  left join keyword_hits k on k.connection = n.connection and k.job_key = n.job_key and k.stage_id = n.stage_id and k.pick = 1
),
previous_anchor as (
  select u.connection, u.job_key, u.stage_id, max(a.sort_order) as anchor_order
  from anchored u
  join anchored a
    on a.connection = u.connection and a.job_key = u.job_key and a.anchor_stage is not null and a.sort_order < u.sort_order
  where u.anchor_stage is null and u.sort_order is not null
  group by u.connection, u.job_key, u.stage_id
),
positioned as (
  -- Several anchors can share a sort_order (positions recorded by different moves): the furthest wins.
  select p.connection, p.job_key, p.stage_id, max(cast(cs.stage_order as integer)) as stage_order, min(a.stage_name) as after_stage
  from previous_anchor p
  join anchored a on a.connection = p.connection and a.job_key = p.job_key and a.sort_order = p.anchor_order and a.anchor_stage is not null
  join {{ ref('canonical_stages') }} cs on cs.canonical_stage = a.anchor_stage
  group by p.connection, p.job_key, p.stage_id
)
select
  a.connection,
  a.job_id,
  a.stage_id,
  a.stage_name,
  a.sort_order,
  case
    when a.anchor_stage is not null then a.anchor_stage
    when a.sort_order is null then null
    else coalesce(cs.canonical_stage, 'applied')
  end as canonical_stage,
  case
    when a.anchor_source is not null then a.anchor_source
    when a.sort_order is not null then 'position'
  end as mapping_source,
  case
    when a.anchor_source = 'keyword' then 'keyword "' || a.keyword || '"'
    when a.anchor_source is not null or a.sort_order is null then null
    when p.after_stage is not null then 'after "' || p.after_stage || '"'
    else 'before every mapped stage'
  end as mapping_reason
from anchored a
left join positioned p on p.connection = a.connection and p.job_key = a.job_key and p.stage_id = a.stage_id
left join {{ ref('canonical_stages') }} cs on cast(cs.stage_order as integer) = p.stage_order
