-- Greenhouse EEOC answers in the canonical shape: one row per application and question answered.
select connection, application_id, 'gender' as category, gender as answer from {{ ref('stg_greenhouse__eeoc') }}
union all
select connection, application_id, 'race', race from {{ ref('stg_greenhouse__eeoc') }}
union all
select connection, application_id, 'veteran_status', veteran_status from {{ ref('stg_greenhouse__eeoc') }}
union all
select connection, application_id, 'disability_status', disability_status from {{ ref('stg_greenhouse__eeoc') }}
