// Edits that change a record without changing anything a funnel or time-to-hire metric depends
// on (a corrected phone number, a custom field, a recruiter note). They exist so incremental
// extraction sees updated_at move on records whose analytics meaning did not change.
import type { World } from './types.ts';
import { EV, schedule } from './events.ts';
import { chance, exponential, rand } from './rng.ts';
import { DAY } from './time.ts';
import { fakePhone } from './applications.ts';

function randomOf<T>(world: World, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[Math.floor(rand(world.sim.rng) * items.length)];
}

/** bump one random record at time t */
export function touchOne(world: World, t: number): void {
  const r = rand(world.sim.rng);
  if (r < 0.45) {
    const app = randomOf(world, world.applications);
    if (!app) return;
    app.lastActivityAt = t;
    app.updatedAt = t;
  } else if (r < 0.8) {
    const c = randomOf(world, world.candidates);
    if (!c) return;
    if (chance(world.sim.rng, 0.3)) c.phone = fakePhone(world);
    c.updatedAt = t;
  } else if (r < 0.92) {
    const job = randomOf(world, world.jobs);
    if (job) job.updatedAt = t;
  } else {
    const user = randomOf(world, world.users);
    if (user) user.updatedAt = t;
  }
}

/** the open-ended stream of touches (rate world.params.touchesPerDay) */
export function touchTick(world: World, t: number): void {
  touchOne(world, t);
  scheduleTouch(world, t);
}

export function scheduleTouch(world: World, from: number): void {
  const perDay = world.params.touchesPerDay;
  if (perDay > 0) schedule(world.sim, from + exponential(world.sim.rng, DAY / perDay), EV.TOUCH, 0, 1);
}
