-- marts.diversity_funnel: int_diversity_funnel with small-cell suppression, the only form in which
-- demographic answers leave the warehouse (exports, dashboards). One row per connection with
-- demographics: true, application quarter, canonical stage, category and answer.
--   reached: as int_diversity_funnel, null when suppressed.
--   conversion_from_previous: reached / reached at the previous stage of the same answer; null
--     for applied, when the previous is 0, or when either count is suppressed.
--   suppressed: reached is hidden.
-- The rule (m = privacy.min_cell, default 5), per connection, quarter and category, a table of
-- stages (rows) by answers (columns) whose rows add up to a public total (marts.funnel):
--   1. primary: every count below m (zeros too) is suppressed;
--   2. complementary, per row: when the row has exactly one suppressed cell, or several whose
--      counts add up to less than m, the smallest cell still shown (ties by answer) is suppressed
--      too. So no row has a lone suppressed cell (its total minus the rest would give it away) and
--      the suppressed cells of a row hold at least m applications between them;
--   3. down each column (an answer through the stages) suppression carries on to every later
--      stage: reached only shrinks along the stages, so a cell shown after a hidden one, and a
--      conversion rate beside one, would pin it down.
-- sql/tests/diversity_* check both properties on every build.
with cells as (
  select f.*, p.min_cell, f.reached < p.min_cell as small
  from {{ ref('int_diversity_funnel') }} f
  cross join {{ ref('privacy_settings') }} p
),
row_stats as (
  select connection, applied_quarter, category, stage_order, min(min_cell) as min_cell,
    count(*) filter (where small) as small_cells,
    coalesce(sum(reached) filter (where small), 0) as small_total
  from cells
  group by connection, applied_quarter, category, stage_order
),
candidates as (
  select c.connection, c.applied_quarter, c.category, c.stage_order, c.answer,
    row_number() over (partition by c.connection, c.applied_quarter, c.category, c.stage_order order by c.reached, c.answer collate "C") as pick
  from cells c
  join row_stats r on r.connection = c.connection and r.applied_quarter = c.applied_quarter and r.category = c.category and r.stage_order = c.stage_order
  where not c.small and (r.small_cells = 1 or (r.small_cells >= 2 and r.small_total < r.min_cell))
),
flagged as (
  select c.*, (c.small or k.answer is not null) as hidden_here
  from cells c
  left join candidates k on k.pick = 1 and k.connection = c.connection and k.applied_quarter = c.applied_quarter
    and k.category = c.category and k.stage_order = c.stage_order and k.answer = c.answer
),
closed as (
  select f.*,
    bool_or(f.hidden_here) over (partition by f.connection, f.applied_quarter, f.category, f.answer order by f.stage_order rows between unbounded preceding and current row) as suppressed
  from flagged f
),
shown as (
  select c.*,
    lag(c.reached) over (partition by c.connection, c.applied_quarter, c.category, c.answer order by c.stage_order) as previous_reached,
    lag(c.suppressed) over (partition by c.connection, c.applied_quarter, c.category, c.answer order by c.stage_order) as previous_suppressed
  from closed c
)
select
  connection,
  applied_quarter,
  canonical_stage,
  stage_order,
  category,
  answer,
  case when suppressed then null else reached end as reached,
  case when suppressed or coalesce(previous_suppressed, true) then null else {{ ratio('reached', 'previous_reached') }} end as conversion_from_previous,
  suppressed
from shown
