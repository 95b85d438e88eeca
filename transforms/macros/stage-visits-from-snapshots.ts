/**
 * Stage visits rebuilt from snapshots, for vendors that keep only an application's CURRENT stage
 * (Workday's SOAP API): the raw zone keeps every version each run saw, and each version that shows
 * a different stage than the one before is a new visit. Used from a vendor's int_ model as
 * `{{ stage_visits_from_snapshots(ref('…')) }}`, so any vendor without history reuses one rule.
 *
 * Input relation, one row per observed version of an application:
 *   connection, application_id, job_id
 *   stage_id          the stage it was in; null when in no stage of the plan (e.g. a hire step)
 *   observed_at       when the version was true (the vendor's as-of time, else extraction time)
 *   status_changed_at the vendor's "last status change" time (Workday Status_Timestamp); may be null
 *   is_final          rejected or hired in this version
 *   applied_at        when the application was made (may be null)
 *
 * Output: connection, visit_id, application_id, job_id, stage_id, entered_at, exited_at (null for
 * the last visit: core.stage_visits ends it at the rejection or hire, or leaves it open).
 *
 * The rule (precision: visits are only as fine as the run cadence):
 * - a version starts a visit when it is the first with a stage, or its stage differs from the
 *   previous version's, or it is still active in the same stage with a newer status change (it
 *   left and came back between runs). A stage entered and left between two runs is invisible.
 * - the move happened after the previous run (the latest earlier observed_at of any application
 *   of the connection: a change before it would have been landed then) and after applied_at: call
 *   the later of the two L. The visit starts at status_changed_at when that change belongs to the
 *   move (the version is still active and the change is not before L), else at L: the change then
 *   records the rejection or hire, and the move happened some time between L and it.
 * - a visit ends where the next one starts.
 */
export function stageVisitsFromSnapshots(relation: string): string {
  return `(
with runs as (
  select connection, observed_at, lag(observed_at) over (partition by connection order by observed_at) as previous_run_at
  from (select distinct connection, observed_at from ${relation}) r
),
snapshots as (
  select
    s.connection, s.application_id, s.job_id, s.stage_id, s.observed_at, s.status_changed_at, s.is_final,
    case
      when r.previous_run_at is null then s.applied_at
      when s.applied_at is null or s.applied_at < r.previous_run_at then r.previous_run_at
      else s.applied_at
    end as earliest_move,
    lag(s.stage_id) over w as previous_stage_id,
    lag(s.status_changed_at) over w as previous_status_changed_at,
    lag(s.is_final) over w as previous_final
  from ${relation} s
  join runs r on r.connection = s.connection and r.observed_at = s.observed_at
  where s.stage_id is not null
  window w as (partition by s.connection, s.application_id order by s.observed_at, s.status_changed_at)
),
moves as (
  select
    connection, application_id, job_id, stage_id, observed_at,
    case
      when not is_final and status_changed_at is not null and (earliest_move is null or status_changed_at >= earliest_move) then status_changed_at
      else coalesce(earliest_move, observed_at)
    end as entered_at
  from snapshots
  where previous_stage_id is null
    or stage_id <> previous_stage_id
    or (not is_final and not previous_final and status_changed_at > previous_status_changed_at)
)
select
  connection,
  application_id || '@' || cast(row_number() over v as text) as visit_id,
  application_id,
  job_id,
  stage_id,
  entered_at,
  lead(entered_at) over v as exited_at
from moves
window v as (partition by connection, application_id order by entered_at, observed_at)
)`;
}
