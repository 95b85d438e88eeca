-- Lever postings as canonical jobs. Lever's department is the top level and its team the group a
-- posting belongs to, so the job's department is the team when there is one. A posting has no
-- open or close time; its requisition does (time to fill starts when it opens; closedAt).
select
  p.connection,
  p.posting_id as job_id,
  p.name,
  case p.state when 'published' then 'open' when 'internal' then 'open' when 'closed' then 'closed' else 'draft' end as status,
  coalesce(p.team, p.department) as department_name,
  p.location as office_name,
  q.time_to_fill_start_at as opened_at,
  case when p.state = 'closed' then q.closed_at end as closed_at,
  p.created_at
from {{ ref('stg_lever__postings') }} p
left join {{ ref('stg_lever__requisitions') }} q on q.connection = p.connection and q.requisition_code = p.requisition_code
