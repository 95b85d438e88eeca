-- Lever custom fields, where Lever has them:
--   jobs: the customFields of the posting's requisition, typed by the requisition field schema
--     (text, number, date in epoch ms, dropdown; object fields are not read);
--   applications: the opportunity's profile form fields (text, textarea, dropdown,
--     multiple-choice, multiple-select joined with "; ", yes-no, date in epoch ms, currency as
--     amount + code), keyed by the field's id.
-- Lever has no custom fields on contacts, offers' custom fields are form values without types,
-- and openings are requisition headcount (see extractors/lever/README.md).
select
  p.connection,
  'jobs' as entity,
  p.posting_id as record_id,
  v.field_id as field_key,
  f.field_name,
  f.field_type,
  case when f.field_type in ('text', 'dropdown') then v.value end as value_text,
  case when f.field_type = 'number' then {{ parse_number('v.value') }} end as value_number,
  case when f.field_type = 'date' then {{ utc_date(epoch_ms('v.value')) }} end as value_date,
  cast(null as boolean) as value_bool
from {{ ref('stg_lever__requisition_custom_fields') }} v
join {{ ref('stg_lever__requisitions') }} q on q.connection = v.connection and q.requisition_id = v.requisition_id
join {{ ref('stg_lever__postings') }} p on p.connection = q.connection and p.requisition_code = q.requisition_code
left join {{ ref('stg_lever__requisition_fields') }} f on f.connection = v.connection and f.field_id = v.field_id
where v.value is not null and coalesce(f.field_type, '') <> 'object'
union all
select
  x.connection,
  'applications',
  x.opportunity_id,
  x.field_id,
  x.field_name,
  x.field_type,
  case
    -- A list in examples of feedback forms, a comma-separated string in the field reference.
    when x.field_type = 'multiple-select' then coalesce({{ json_list_text('x.value') }}, x.value)
    when x.field_type = 'currency' then x.currency
    when x.field_type in ('yes-no', 'date') then null
    else x.value
  end,
  case when x.field_type = 'currency' then {{ parse_number('x.value') }} end,
  case when x.field_type = 'date' then {{ utc_date(epoch_ms('x.value')) }} end,
  case when x.field_type = 'yes-no' and x.value in ('yes', 'no') then x.value = 'yes' end
from {{ ref('stg_lever__form_fields') }} x
join {{ ref('int_lever__applications') }} a on a.connection = x.connection and a.application_id = x.opportunity_id
where x.value is not null
