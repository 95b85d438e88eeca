-- No suppressed count of marts.diversity_funnel can be worked out from what is shown.
--   rows (one stage of one quarter and question, across answers; its total is public, in
--   marts.funnel): a row with suppressed cells has at least two, holding at least
--   privacy.min_cell applications between them (unless every cell of the row is suppressed);
--   columns (one answer through the stages; reached only shrinks): a suppressed cell is followed
--   only by suppressed cells, and no conversion rate is shown beside one.
-- Read against int_diversity_funnel's true counts. A row here is a privacy bug in the mart's SQL.
with joined as (
  select d.connection, d.applied_quarter, d.category, d.answer, d.stage_order, d.suppressed, d.conversion_from_previous, f.reached as true_reached,
    lag(d.suppressed) over (partition by d.connection, d.applied_quarter, d.category, d.answer order by d.stage_order) as previous_suppressed
  from {{ ref('diversity_funnel') }} d
  join {{ ref('int_diversity_funnel') }} f on f.connection = d.connection and f.applied_quarter = d.applied_quarter
    and f.category = d.category and f.answer = d.answer and f.stage_order = d.stage_order
),
rows_ as (
  select connection, applied_quarter, category, stage_order,
    count(*) filter (where suppressed) as hidden,
    count(*) filter (where not suppressed) as shown,
    coalesce(sum(true_reached) filter (where suppressed), 0) as hidden_total
  from joined
  group by connection, applied_quarter, category, stage_order
)
select r.connection, r.applied_quarter, r.category, cast(r.stage_order as text) as where_, 'row' as line
from rows_ r
cross join {{ ref('privacy_settings') }} p
where r.hidden = 1 or (r.hidden >= 2 and r.shown > 0 and r.hidden_total < p.min_cell)
union all
select connection, applied_quarter, category, answer, 'column'
from joined
where (previous_suppressed and not suppressed) or ((suppressed or coalesce(previous_suppressed, false)) and conversion_from_previous is not null)
