// The organisation a world hires into: departments, offices, users and the lookup lists
// (sources, rejection and close reasons). Created once, before the simulation starts.
import type {
  CloseReason, Department, Office, RejectionReason, RejectionType, Source, SourceType, User, UserRole, World,
} from './types.ts';
import { chance, pick, rand, type RngState } from './rng.ts';
import { DAY } from './time.ts';
import { FIRST_NAMES, LAST_NAMES, slug } from './names.ts';

/** top-level department → sub-departments and the job titles it hires for */
export const DEPARTMENT_TREE: readonly { name: string; children: readonly string[]; titles: readonly string[] }[] = [
  {
    name: 'Engineering',
    children: ['Platform', 'Product Engineering', 'Data & ML', 'Security'],
    titles: ['Backend Engineer', 'Frontend Engineer', 'Site Reliability Engineer', 'Data Engineer',
      'Machine Learning Engineer', 'Engineering Manager', 'Security Engineer', 'Mobile Engineer'],
  },
  {
    name: 'Product & Design',
    children: ['Product Management', 'Design'],
    titles: ['Product Manager', 'Product Designer', 'UX Researcher', 'Technical Writer'],
  },
  {
    name: 'Sales',
    children: ['Enterprise Sales', 'Mid-Market Sales', 'Sales Development'],
    titles: ['Account Executive', 'Sales Development Representative', 'Solutions Engineer', 'Sales Manager'],
  },
  { name: 'Marketing', children: [], titles: ['Product Marketing Manager', 'Content Marketer', 'Growth Marketer'] },
  {
    name: 'Customer Success',
    children: ['Support'],
    titles: ['Customer Success Manager', 'Support Engineer', 'Implementation Consultant'],
  },
  {
    name: 'Operations',
    children: ['Finance', 'People', 'Legal'],
    titles: ['Financial Analyst', 'Accountant', 'Recruiter', 'People Partner', 'Counsel', 'Office Manager'],
  },
];

const OFFICES: readonly [string, string][] = [
  ['San Francisco', 'San Francisco, CA, United States'],
  ['New York', 'New York, NY, United States'],
  ['London', 'London, United Kingdom'],
  ['Berlin', 'Berlin, Germany'],
  ['Toronto', 'Toronto, ON, Canada'],
  ['Remote (US)', 'United States'],
  ['Remote (EMEA)', 'Europe'],
];

/** name, type and how often candidates come from it */
export const SOURCES: readonly [string, SourceType, number][] = [
  ['LinkedIn', 'social_media', 24],
  ['Company Website', 'company_website', 22],
  ['Indeed', 'job_board', 14],
  ['Referral', 'referral', 12],
  ['Glassdoor', 'job_board', 6],
  ['Agency', 'agency', 5],
  ['Sourced', 'sourced', 8],
  ['Career Fair', 'event', 3],
  ['Hacker News Who\'s Hiring', 'job_board', 2],
];

export const REJECTION_REASONS: readonly [string, RejectionType][] = [
  ['Lacking skills/qualifications', 'rejected_by_company'],
  ['Not enough experience', 'rejected_by_company'],
  ['Did not pass interviews', 'rejected_by_company'],
  ['Failed assessment', 'rejected_by_company'],
  ['Position filled', 'rejected_by_company'],
  ['Position cancelled', 'rejected_by_company'],
  ['Compensation expectations too high', 'rejected_by_company'],
  ['Unresponsive', 'rejected_by_company'],
  ['Took another offer', 'withdrawn_by_candidate'],
  ['Declined offer', 'withdrawn_by_candidate'],
  ['Not interested in the role', 'withdrawn_by_candidate'],
  ['Compensation', 'withdrawn_by_candidate'],
  ['Location / relocation', 'withdrawn_by_candidate'],
  ['Other', 'unspecified'],
  ['Duplicate', 'unspecified'],
];

/** the `REJECTION_REASONS` index + 1 of reasons the engine needs by meaning (ids follow list order) */
export const REASON = {
  skills: 1, experience: 2, interviews: 3, assessment: 4, filled: 5, cancelled: 6, compTooHigh: 7,
  unresponsive: 8, otherOffer: 9, declinedOffer: 10, notInterested: 11, compensation: 12, location: 13,
  other: 14, duplicate: 15,
} as const;

export const CLOSE_REASONS: readonly [string, boolean][] = [
  ['Hire - New Headcount', true],
  ['Hire - Backfill', true],
  ['Position Cancelled', false],
  ['Budget Frozen', false],
];

function referenceTime(rng: RngState, start: number): number {
  // Lookup data predates the simulated period; whole seconds look like admin edits.
  return start - Math.floor(rand(rng) * 400 * DAY / 1000) * 1000 - DAY;
}

export function buildDepartments(world: World, rng: RngState): void {
  for (const top of DEPARTMENT_TREE) {
    const t = referenceTime(rng, world.start);
    const parentId = world.departments.length + 1;
    world.departments.push({ id: parentId, name: top.name, parentId: null, createdAt: t, updatedAt: t });
    for (const child of top.children) {
      const ct = referenceTime(rng, world.start);
      const d: Department = { id: world.departments.length + 1, name: child, parentId, createdAt: ct, updatedAt: ct };
      world.departments.push(d);
    }
  }
}

export function buildOffices(world: World, rng: RngState, count: number): void {
  for (const [name, location] of OFFICES.slice(0, Math.max(1, Math.min(count, OFFICES.length)))) {
    const t = referenceTime(rng, world.start);
    const o: Office = { id: world.offices.length + 1, name, location, createdAt: t, updatedAt: t };
    world.offices.push(o);
  }
}

export function buildLookups(world: World, rng: RngState): void {
  for (const [name, type] of SOURCES) {
    const t = referenceTime(rng, world.start);
    const s: Source = { id: world.sources.length + 1, name, type, createdAt: t, updatedAt: t };
    world.sources.push(s);
  }
  for (const [name, type] of REJECTION_REASONS) {
    const t = referenceTime(rng, world.start);
    const r: RejectionReason = { id: world.rejectionReasons.length + 1, name, type, createdAt: t, updatedAt: t };
    world.rejectionReasons.push(r);
  }
  for (const [name, hire] of CLOSE_REASONS) {
    const t = referenceTime(rng, world.start);
    const c: CloseReason = { id: world.closeReasons.length + 1, name, hire, createdAt: t, updatedAt: t };
    world.closeReasons.push(c);
  }
}

/** user mix scales with the number of jobs so large worlds spread interviews over more people */
export function buildUsers(world: World, rng: RngState, jobs: number): void {
  const counts: [UserRole, number][] = [
    ['admin', 2],
    ['recruiter', Math.min(120, 2 + Math.ceil(jobs / 12))],
    ['coordinator', Math.min(60, 1 + Math.ceil(jobs / 25))],
    ['hiring_manager', Math.min(250, 2 + Math.ceil(jobs / 4))],
    ['interviewer', Math.min(600, 6 + jobs)],
  ];
  const domain = `${slug(world.companyName) || 'company'}.example`;
  for (const [role, n] of counts) {
    for (let i = 0; i < n; i++) {
      const id = world.users.length + 1;
      const firstName = pick(rng, FIRST_NAMES);
      const lastName = pick(rng, LAST_NAMES);
      const t = referenceTime(rng, world.start);
      // Admins stay enabled: the first one is the API's acting user.
      const disabled = role !== 'admin' && chance(rng, 0.05);
      const u: User = {
        id, firstName, lastName,
        email: `${slug(firstName)}.${slug(lastName)}${id}@${domain}`,
        employeeId: `E${String(1000 + id)}`,
        role,
        siteAdmin: role === 'admin' || (role === 'recruiter' && chance(rng, 0.2)),
        disabled,
        deletedAt: null,
        createdAt: t,
        updatedAt: t,
      };
      world.users.push(u);
      if (disabled) continue;
      world.sim.activeUsers.push(id);
      if (role === 'recruiter') world.sim.recruiters.push(id);
      if (role === 'coordinator') world.sim.coordinators.push(id);
      if (role === 'hiring_manager') { world.sim.hiringManagers.push(id); world.sim.interviewers.push(id); }
      if (role === 'interviewer') world.sim.interviewers.push(id);
    }
  }
}
