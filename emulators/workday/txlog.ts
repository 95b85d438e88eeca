// Workday's incremental filter (Transaction_Log_Criteria_Data Updated_From/Updated_Through)
// selects instances by the ENTRY moment of their latest transaction — when a change was keyed in —
// never by business dates on the record, which can be effective-dated into the future. The
// emulator's server clock is the world's clock, so a change is entered at the moment the world
// made it: an instance's latest entry is the newest update among everything it shows (a candidate
// shows its job applications, a requisition its openings).
import type { World } from '../world/index.ts';

export type LoggedKind = 'requisition' | 'candidate' | 'posting';

export function latestEntry(world: World, kind: LoggedKind, id: number): number {
  switch (kind) {
    case 'requisition': {
      const job = world.jobs[id - 1]!;
      let v = job.updatedAt;
      for (const oid of job.openingIds) v = Math.max(v, world.openings[oid - 1]!.updatedAt);
      return v;
    }
    case 'posting':
      return world.jobs[id - 1]!.updatedAt;
    case 'candidate': {
      const c = world.candidates[id - 1]!;
      let v = c.updatedAt;
      for (const aid of c.applicationIds) v = Math.max(v, world.applications[aid - 1]!.updatedAt);
      return v;
    }
  }
}
