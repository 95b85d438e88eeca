-- severity: warn
-- A custom field promoted in the config (custom_fields) that no record of its entity has, in any
-- connection: a misspelt name, or a field the ATS does not give (its column stays empty).
select p.entity, p.field, p.column_name
from {{ ref('custom_field_promotions') }} p
where not exists (
  select 1 from {{ ref('custom_field_values') }} v
  where v.entity = p.entity and (v.field_name = p.field or v.field_key = p.field)
)
