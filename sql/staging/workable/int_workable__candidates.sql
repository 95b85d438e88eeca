-- Workable has no person record across jobs: a person is one email (lower-cased, as an md5 so the
-- key itself holds no contact detail), the candidate's own id when it has none. Contact details
-- come from the person's newest candidate; created_at is their first.
with people as (
  select
    c.*,
    coalesce(md5(lower(trim(c.email))), c.candidate_id) as person_id
  from {{ ref('stg_workable__candidates') }} c
),
ranked as (
  select
    p.*,
    min(p.created_at) over (partition by p.connection, p.person_id) as first_created_at,
    row_number() over (partition by p.connection, p.person_id order by p.created_at desc, p.candidate_id desc) as pick
  from people p
)
select
  connection,
  person_id as candidate_id,
  first_created_at as created_at,
  first_name,
  last_name,
  email,
  phone
from ranked
where pick = 1
