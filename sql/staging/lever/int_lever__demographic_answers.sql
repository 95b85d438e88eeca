-- Lever EEO answers in the canonical shape: one row per opportunity (= application) and question.
select connection, opportunity_id as application_id, 'gender' as category, gender as answer from {{ ref('stg_lever__eeo_responses') }}
union all
select connection, opportunity_id, 'race', race from {{ ref('stg_lever__eeo_responses') }}
union all
select connection, opportunity_id, 'veteran_status', veteran from {{ ref('stg_lever__eeo_responses') }}
union all
select connection, opportunity_id, 'disability_status', disability from {{ ref('stg_lever__eeo_responses') }}
