import { Cron } from 'croner';

/** A connection's `schedule:` once validated: a cron expression read in a time zone. */
export interface Schedule {
  readonly cron: string;
  readonly timezone: string;
}

/** Why a schedule is unusable, or null when it is fine. Cron syntax is croner's (5 or 6 fields, @hourly…). */
export function scheduleProblem(s: Schedule): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: s.timezone });
  } catch {
    return `unknown time zone "${s.timezone}"; expected an IANA name such as UTC or Europe/Berlin`;
  }
  try {
    const c = cronOf(s);
    if (c.nextRun(new Date()) === null) return `"${s.cron}" never fires`;
  } catch (err) {
    return `"${s.cron}" is not a cron expression (${(err as Error).message.replace(/^CronPattern: /, '')}); e.g. "0 * * * *" for hourly`;
  }
  return null;
}

function cronOf(s: Schedule): Cron {
  return new Cron(s.cron, { timezone: s.timezone, paused: true });
}

/** The first due time strictly after `after`. */
export function nextDue(s: Schedule, after: Date): Date | null {
  return cronOf(s).nextRun(after);
}

/** The latest due time at or before `now`, or null if it never was due (for scheduling: what is owed now). */
export function latestDue(s: Schedule, now: Date): Date | null {
  // previousRuns looks strictly before its reference, and cron has second resolution.
  const [due] = cronOf(s).previousRuns(1, new Date(now.getTime() + 1_000));
  return due && due.getTime() <= now.getTime() ? due : null;
}
