import { describe, expect, it } from 'vitest';
import {
  CANONICAL_RANK, CUSTOM_STAGE_NAMES, DAY, DEFAULT_STAGE_NAMES, acceptedOffer, advanceWorld, applicationsOf,
  byId, canonicalPath, createWorld, customStageMapping, entityTables, furthestCanonicalStage, offersOf,
  outcomeAt, recordCounts, stagesOf, visitsOf, type Application, type World,
  CUSTOM_FIELDS, customFieldValue, customFieldValues, kitAttributes, teamOf,
} from '../../emulators/world/index.ts';

const START = Date.UTC(2024, 0, 1);
const NOW = START + 540 * DAY;
const medium = createWorld({ seed: 42, size: 'medium', start: START, now: NOW });

function reasonType(world: World, id: number | null) {
  return id === null ? null : byId(world.rejectionReasons, id).type;
}

describe('untidy shapes of real accounts', () => {
  it('deletes users and closed jobs, merges candidates, renames stages and uses odd names', () => {
    const deletedUsers = medium.users.filter((u) => u.deletedAt !== null);
    expect(deletedUsers.length).toBeGreaterThan(0);
    // Records keep naming deleted users.
    const named = new Set([
      ...medium.jobs.flatMap((j) => [j.recruiterId, j.coordinatorId, j.hiringManagerId]),
      ...medium.applications.flatMap((a) => [a.recruiterId, a.coordinatorId]),
      ...medium.interviews.flatMap((i) => i.interviewerIds),
    ]);
    expect(deletedUsers.some((u) => named.has(u.id))).toBe(true);
    const deletedJobs = medium.jobs.filter((j) => j.deletedAt !== null);
    expect(deletedJobs.length).toBeGreaterThan(0);
    for (const j of deletedJobs) expect(j.status).toBe('closed');
    const merged = medium.candidates.filter((c) => c.mergedInto !== null);
    expect(merged.length).toBeGreaterThan(0);
    for (const c of merged) {
      expect(c.applicationIds).toEqual([]);
      expect(byId(medium.candidates, c.mergedInto!).mergedInto).toBeNull();
    }
    expect(medium.jobs.some((j) => /[^\x00-\x7f]/.test(j.name))).toBe(true);
    expect(medium.jobs.some((j) => (j.notes?.length ?? 0) >= 10_000)).toBe(true);
    expect(medium.candidates.some((c) => /[^\x00-\x7f']/.test(c.lastName) || c.lastName.includes("'"))).toBe(true);
  });

  it('moves job-less applications through the general plan when the world asks for them', () => {
    // Large enough that some job-less applications reach a hire (about 1 in 30 do).
    const w = createWorld({ seed: 5, size: { jobs: 20, applicationsPerJob: 40, joblessApplications: 0.6 }, start: START, now: START + 200 * DAY });
    const jobless = w.applications.filter((a) => a.jobId === null && !a.isProspect);
    const withJob = w.applications.filter((a) => a.jobId !== null && !a.isProspect);
    expect(jobless.length / (jobless.length + withJob.length)).toBeGreaterThan(0.45);
    for (const a of jobless) {
      for (const v of visitsOf(w, a)) expect(w.generalStageIds).toContain(v.stageId);
      expect(a.offerIds).toEqual([]);
    }
    expect(jobless.filter((a) => a.status === 'hired').length).toBeGreaterThan(0);
    expect(w.generalStageIds.map((id) => byId(w.stages, id).jobId)).toEqual(w.generalStageIds.map(() => null));
  });
});

describe('determinism', () => {
  it('same seed gives a deep-equal world, different seed a different one', () => {
    const a = createWorld({ seed: 3, size: 'small', start: START, now: NOW });
    const b = createWorld({ seed: 3, size: 'small', start: START, now: NOW });
    const c = createWorld({ seed: 4, size: 'small', start: START, now: NOW });
    expect(b).toEqual(a);
    expect(JSON.stringify(c.applications)).not.toEqual(JSON.stringify(a.applications));
    expect(c.candidates[0]).not.toEqual(a.candidates[0]);
  });

  it('advancing two equal worlds by the same steps keeps them equal', () => {
    const a = createWorld({ seed: 9, size: 'tiny', start: START, now: NOW });
    const b = structuredClone(a);
    for (const days of [1, 0.5, 7]) {
      advanceWorld(a, { days });
      advanceWorld(b, { days });
    }
    expect(b).toEqual(a);
  });
});

describe('world shape', () => {
  it('uses id-indexed arrays and sane timestamps everywhere', () => {
    for (const [name, rows] of Object.entries(entityTables(medium))) {
      rows.forEach((r, i) => {
        if (r.id !== i + 1) throw new Error(`${name}[${i}] has id ${r.id}`);
        if (!(r.createdAt <= r.updatedAt && r.updatedAt <= medium.now)) throw new Error(`${name} ${r.id} timestamps`);
      });
    }
  });

  it('assigns ids of simulated records in creation order', () => {
    const { jobs, stages, openings, candidates, applications, visits, offers, interviews, scorecards } = entityTables(medium);
    for (const rows of [jobs, stages, openings, candidates, applications, visits, offers, interviews, scorecards]) {
      for (let i = 1; i < rows.length; i++) expect(rows[i]!.createdAt).toBeGreaterThanOrEqual(rows[i - 1]!.createdAt);
    }
  });

  it('gives every job an ordered plan from applied to offer with unique stage ids', () => {
    const seen = new Set<number>();
    let planless = 0;
    for (const job of medium.jobs) {
      const plan = stagesOf(medium, job);
      // A draft nobody set a plan for stays a draft (and has no applications).
      if (plan.length === 0) {
        expect(job.status).toBe('draft');
        planless++;
        continue;
      }
      expect(plan[0]!.canonical).toBe('applied');
      expect(plan.at(-1)!.canonical).toBe('offer');
      plan.forEach((s, i) => {
        expect(s.sortOrder).toBe(i);
        expect(s.jobId).toBe(job.id);
        expect(seen.has(s.id)).toBe(false);
        seen.add(s.id);
        if (i > 0) expect(CANONICAL_RANK[s.canonical]).toBeGreaterThanOrEqual(CANONICAL_RANK[plan[i - 1]!.canonical]);
      });
      expect(new Set(plan.map((s) => s.name)).size).toBe(plan.length);
      expect(job.openingIds.length).toBeGreaterThan(0);
    }
    expect(planless).toBeGreaterThan(0);
  });

  it('keeps jobs and openings consistent', () => {
    for (const job of medium.jobs) {
      const openings = job.openingIds.map((id) => byId(medium.openings, id));
      if (job.status === 'draft') expect(job.openedAt).toBeNull();
      if (job.status === 'closed') {
        expect(job.closedAt).toBeGreaterThanOrEqual(job.openedAt!);
        for (const o of openings) expect(o.closedAt).not.toBeNull();
        expect(Math.max(...openings.map((o) => o.closedAt!))).toBe(job.closedAt);
      }
      if (job.status === 'open') expect(openings.some((o) => o.closedAt === null)).toBe(true);
      for (const o of openings) {
        expect(o.key).toMatch(new RegExp(`^${job.requisitionId}-\\d+$`));
        if (o.applicationId !== null) {
          const app = byId(medium.applications, o.applicationId);
          expect(app.status).toBe('hired');
          expect(app.hiredAt).toBe(o.closedAt);
          expect(app.jobId).toBe(job.id);
        }
      }
    }
  });
});

/** The stage plan an application moves through: its job's, or the general plan when it has no job. */
function planOf(world: World, app: Application): number[] {
  return app.jobId === null ? world.generalStageIds : byId(world.jobs, app.jobId).stageIds;
}

describe('application ground truth', () => {
  it('has ordered, contiguous, non-overlapping visits ending at the outcome', () => {
    for (const app of applicationsOf(medium, { prospects: false })) {
      const visits = visitsOf(medium, app);
      expect(visits.length).toBeGreaterThan(0);
      expect(visits[0]!.enteredAt).toBe(app.appliedAt);
      expect(visits[0]!.stageId).toBe(planOf(medium, app)[0]);
      for (let i = 0; i < visits.length; i++) {
        const v = visits[i]!;
        expect(v.applicationId).toBe(app.id);
        if (i < visits.length - 1) {
          expect(v.exitedAt).not.toBeNull();
          expect(v.exitedAt!).toBeGreaterThanOrEqual(v.enteredAt);
          expect(visits[i + 1]!.enteredAt).toBe(v.exitedAt);
        }
      }
      const last = visits.at(-1)!;
      expect(app.currentStageId).toBe(last.stageId);
      expect(last.exitedAt).toBe(outcomeAt(app));
      if (last.exitedAt !== null) expect(last.exitedAt).toBeGreaterThanOrEqual(last.enteredAt);
    }
  });

  it('links hires to a filled opening at the same instant, and to an accepted offer when there was one', () => {
    const hired = applicationsOf(medium, { status: 'hired' });
    expect(hired.length).toBeGreaterThan(20);
    let withoutOffer = 0;
    for (const app of hired) {
      const offer = acceptedOffer(medium, app);
      const opening = medium.openings.find((o) => o.applicationId === app.id)!;
      if (offer === undefined) withoutOffer++;
      else {
        expect(offer.resolvedAt).toBe(app.hiredAt);
        expect(offer.openingId).toBe(opening.id);
      }
      expect(opening.applicationId).toBe(app.id);
      expect(opening.closedAt).toBe(app.hiredAt);
      expect(byId(medium.closeReasons, opening.closeReasonId!).hire).toBe(true);
      expect(app.rejectedAt).toBeNull();
      if (offer !== undefined) expect(canonicalPath(medium, app).at(-1)).toBe('offer');
      expect(furthestCanonicalStage(medium, app)).toBe('hired');
    }
    // Some teams record a hire without ever making an offer in the ATS.
    expect(withoutOffer).toBeGreaterThan(0);
    expect(withoutOffer / hired.length).toBeLessThan(0.15);
  });

  it('reneges: an accepted offer whose candidate was rejected afterwards', () => {
    const reneged = medium.offers.filter((o) => o.status === 'accepted' && byId(medium.applications, o.applicationId).status === 'rejected');
    expect(reneged.length).toBeGreaterThan(0);
    for (const o of reneged) expect(byId(medium.applications, o.applicationId).rejectedAt!).toBeGreaterThan(o.resolvedAt!);
  });

  it('gives every rejection a reason and time, and nothing else an outcome', () => {
    for (const app of medium.applications) {
      if (app.status === 'rejected') {
        expect(app.rejectedAt).not.toBeNull();
        expect(reasonType(medium, app.rejectionReasonId)).not.toBeNull();
        expect(app.hiredAt).toBeNull();
      } else {
        expect(app.rejectedAt).toBeNull();
        expect(app.rejectionReasonId).toBeNull();
      }
      if (app.status === 'active') expect(app.hiredAt).toBeNull();
    }
  });

  it('keeps prospects out of the pipeline', () => {
    const prospects = medium.applications.filter((a) => a.isProspect);
    expect(prospects.length / medium.applications.length).toBeGreaterThan(0.03);
    expect(prospects.length / medium.applications.length).toBeLessThan(0.12);
    // Some sit in a pool without any job.
    expect(prospects.some((p) => p.jobId === null)).toBe(true);
    for (const p of prospects) {
      expect(p.visitIds).toEqual([]);
      expect(p.currentStageId).toBeNull();
      expect(p.offerIds).toEqual([]);
      expect(p.interviewIds).toEqual([]);
      expect(furthestCanonicalStage(medium, p)).toBeNull();
    }
  });

  it('versions offers: older versions deprecated, the latest one tells the outcome', () => {
    for (const app of medium.applications) {
      const offers = offersOf(medium, app);
      if (offers.length === 0) continue;
      offers.forEach((o, i) => {
        expect(o.version).toBe(i + 1);
        expect(o.applicationId).toBe(app.id);
        if (i < offers.length - 1) expect(o.status).toBe('deprecated');
      });
      const last = offers.at(-1)!;
      if (app.status === 'hired') expect(last.status).toBe('accepted');
      // Active with an accepted offer: the candidate reneged and the rejection is still to come.
      if (app.status === 'active') expect(['pending', 'accepted']).toContain(last.status);
      if (last.status === 'declined') {
        expect(app.status).toBe('rejected');
        expect(app.rejectedAt).toBe(last.resolvedAt);
        expect(reasonType(medium, app.rejectionReasonId)).toBe('withdrawn_by_candidate');
      }
    }
  });

  it('holds interviews inside their stage visit and scorecards after the interview', () => {
    for (const iv of medium.interviews) {
      const visit = byId(medium.visits, iv.visitId);
      expect(visit.applicationId).toBe(iv.applicationId);
      expect(iv.startAt).toBeGreaterThan(visit.enteredAt);
      expect(iv.endAt).toBeGreaterThan(iv.startAt);
      if (iv.status !== 'cancelled' && visit.exitedAt !== null) expect(iv.startAt).toBeLessThan(visit.exitedAt);
      if (iv.status === 'complete') expect(iv.scorecardIds.length).toBe(iv.interviewerIds.length);
      for (const sid of iv.scorecardIds) {
        const sc = byId(medium.scorecards, sid);
        expect(sc.submittedAt).toBeGreaterThanOrEqual(iv.endAt);
        expect(iv.interviewerIds).toContain(sc.interviewerId);
      }
    }
  });

  it('lets candidates apply to several jobs, never twice to one', () => {
    let multi = 0;
    for (const c of medium.candidates) {
      const jobs = c.applicationIds.map((id) => byId(medium.applications, id).jobId);
      expect(new Set(jobs).size).toBe(jobs.length);
      if (jobs.length > 1) multi++;
    }
    expect(multi / medium.candidates.length).toBeGreaterThan(0.05);
    expect(multi / medium.candidates.length).toBeLessThan(0.15);
  });
});

describe('edge cases in a medium world', () => {
  const apps = applicationsOf(medium, { prospects: false });
  const planIndexes = (appId: number) => {
    const app = byId(medium.applications, appId);
    const plan = planOf(medium, app);
    return visitsOf(medium, app).map((v) => plan.indexOf(v.stageId));
  };

  it('has applications that skip stages, move back and re-enter a stage', () => {
    const skipsScreen = apps.filter((a) => {
      const path = canonicalPath(medium, a);
      return path[0] === 'applied' && path[1] === 'interview' &&
        planOf(medium, a).some((id) => byId(medium.stages, id).canonical === 'screen');
    });
    const backwards = apps.filter((a) => planIndexes(a.id).some((x, i, xs) => i > 0 && x < xs[i - 1]!));
    const reentries = apps.filter((a) => new Set(a.visitIds.map((id) => byId(medium.visits, id).stageId)).size < a.visitIds.length);
    expect(skipsScreen.length).toBeGreaterThan(10);
    expect(backwards.length).toBeGreaterThan(10);
    expect(reentries.length).toBeGreaterThan(10);
  });

  it('has withdrawals, declined offers, revised offers and rejections at every stage', () => {
    const withdrawn = apps.filter((a) => reasonType(medium, a.rejectionReasonId) === 'withdrawn_by_candidate');
    expect(withdrawn.length).toBeGreaterThan(50);
    expect(medium.offers.filter((o) => o.status === 'declined').length).toBeGreaterThan(5);
    expect(medium.offers.filter((o) => o.status === 'deprecated').length).toBeGreaterThan(5);
    const rejectedAt = new Set(apps.filter((a) => a.status === 'rejected').map((a) => canonicalPath(medium, a).at(-1)));
    expect([...rejectedAt].sort()).toEqual(['applied', 'interview', 'offer', 'screen']);
    expect(apps.some((a) => reasonType(medium, a.rejectionReasonId) === 'unspecified')).toBe(true);
  });

  it('uses custom stage names that the default mapping does not know', () => {
    const mapping = customStageMapping(medium);
    expect(Object.keys(mapping).length).toBeGreaterThanOrEqual(3);
    for (const [name, canonical] of Object.entries(mapping)) {
      expect(DEFAULT_STAGE_NAMES[name]).toBeUndefined();
      // A custom catalog name, or a stage renamed while applications sat in it.
      const renamed = medium.stages.find((s) => s.name === name && s.name !== s.template);
      expect(CUSTOM_STAGE_NAMES[name] ?? renamed?.canonical).toBe(canonical);
    }
    expect(medium.stages.some((s) => s.name !== s.template)).toBe(true);
    const names = new Set(medium.stages.map((s) => s.name));
    for (const n of names) expect(DEFAULT_STAGE_NAMES[n] ?? mapping[n]).toBe(medium.stages.find((s) => s.name === n)!.canonical);
    expect(DEFAULT_STAGE_NAMES['Application Review']).toBe('applied');
    expect(DEFAULT_STAGE_NAMES['Recruiter Screen']).toBe('screen');
    expect(DEFAULT_STAGE_NAMES['Onsite']).toBe('interview');
    expect(DEFAULT_STAGE_NAMES['Offer']).toBe('offer');
  });

  it('has realistic conversion rates', () => {
    const reached = (stage: keyof typeof CANONICAL_RANK) =>
      apps.filter((a) => CANONICAL_RANK[furthestCanonicalStage(medium, a)!] >= CANONICAL_RANK[stage]).length;
    const decided = apps.filter((a) => a.status !== 'active');
    expect(decided.length / apps.length).toBeGreaterThan(0.9);
    const passApplied = reached('screen') / reached('applied');
    expect(passApplied).toBeGreaterThan(0.5);
    expect(passApplied).toBeLessThan(0.7);
    const offersMade = medium.offers.filter((o) => o.status === 'accepted' || o.status === 'declined');
    const acceptance = offersMade.filter((o) => o.status === 'accepted').length / offersMade.length;
    expect(acceptance).toBeGreaterThan(0.65);
    expect(acceptance).toBeLessThan(0.92);
  });

  it('counts records', () => {
    const counts = recordCounts(medium);
    const { total, ...rest } = counts;
    expect(total).toBe(Object.values(rest).reduce((s, n) => s + n, 0));
    expect(counts.applications).toBe(medium.applications.length);
  });
});

describe('advanceWorld', () => {
  it('only moves forward', () => {
    const w = createWorld({ seed: 1, size: 'tiny', start: START, now: NOW });
    expect(() => advanceWorld(w, { days: -1 })).toThrow();
    expect(() => advanceWorld(w, { to: NOW - 1 })).toThrow();
    const r = advanceWorld(w, { days: 2 });
    expect(r.from).toBe(NOW);
    expect(w.now).toBe(NOW + 2 * DAY);
    for (const ev of w.sim.heap) expect(ev.t).toBeGreaterThan(w.now);
  });

  it('bumps updatedAt of exactly the records that changed, and creates new ones after the old clock', () => {
    const w = createWorld({ seed: 5, size: 'small', start: START, now: NOW });
    const before = structuredClone(w);
    advanceWorld(w, { days: 14 });
    let changed = 0;
    let created = 0;
    let touchedOnly = 0;
    const NEUTRAL = new Set(['updatedAt', 'lastActivityAt', 'phone']);
    const oldTables = entityTables(before);
    for (const [name, rows] of Object.entries(entityTables(w))) {
      const old = oldTables[name as keyof typeof oldTables];
      rows.forEach((r, i) => {
        const prev = old[i];
        if (!prev) {
          created++;
          expect(r.createdAt).toBeGreaterThan(before.now);
          expect(r.createdAt).toBeLessThanOrEqual(w.now);
          return;
        }
        const same = JSON.stringify(prev) === JSON.stringify(r);
        if (same) return;
        changed++;
        if (r.updatedAt === prev.updatedAt) throw new Error(`${name} ${r.id} changed without an updatedAt bump`);
        const diff = Object.keys(r).filter((k) => JSON.stringify((r as never)[k]) !== JSON.stringify((prev as never)[k]));
        if (diff.every((k) => NEUTRAL.has(k))) touchedOnly++;
        expect(r.updatedAt).toBeGreaterThan(before.now);
        expect(r.updatedAt).toBeLessThanOrEqual(w.now);
      });
    }
    expect(changed).toBeGreaterThan(20);
    expect(created).toBeGreaterThan(20);
    // analytics-neutral edits, so incremental extraction sees updates that change no metric
    expect(touchedOnly).toBeGreaterThan(10);
  });

  it('keeps invariants after advancing: new applications, moves and hires', () => {
    const w = createWorld({ seed: 11, size: 'small', start: START, now: NOW });
    const apps0 = w.applications.length;
    const hires0 = w.applications.filter((a) => a.status === 'hired').length;
    advanceWorld(w, { days: 90 });
    expect(w.applications.length).toBeGreaterThan(apps0);
    expect(w.applications.filter((a) => a.status === 'hired').length).toBeGreaterThan(hires0);
    for (const app of w.applications) {
      if (app.isProspect) continue;
      const visits = visitsOf(w, app);
      expect(visits.at(-1)!.exitedAt).toBe(outcomeAt(app));
    }
  });
});

describe('who hires: teams, panels, ratings and custom fields', () => {
  it('gives every job a team with one primary per role that changes while jobs are open', () => {
    for (const j of medium.jobs) {
      const team = teamOf(medium, j);
      for (const role of ['recruiter', 'coordinator', 'hiring_manager'] as const) {
        const primaries = team.filter((m) => m.role === role && m.primary);
        expect(primaries.map((m) => m.userId), `job ${j.id} ${role}`).toEqual([role === 'recruiter' ? j.recruiterId : role === 'coordinator' ? j.coordinatorId : j.hiringManagerId]);
      }
      expect(team.filter((m) => m.role === 'sourcer' && m.primary)).toEqual([]);
      // The primary hiring manager is the one assigned last (Greenhouse shows no primary flag).
      const hms = team.filter((m) => m.role === 'hiring_manager');
      expect(hms.reduce((a, b) => (b.createdAt > a.createdAt || (b.createdAt === a.createdAt && b.id > a.id) ? b : a)).primary).toBe(true);
      expect(new Set(team.map((m) => `${m.role}:${m.userId}`)).size).toBe(team.length);
    }
    const changed = medium.jobs.filter((j) => teamOf(medium, j).some((m) => !m.primary && m.role !== 'sourcer' && m.updatedAt > m.createdAt));
    expect(changed.length).toBeGreaterThan(5);
    // Applications keep the recruiter they were assigned, so after a change some differ from their job's.
    expect(medium.applications.some((a) => a.jobId !== null && a.recruiterId !== byId(medium.jobs, a.jobId).recruiterId)).toBe(true);
    expect(medium.applications.filter((a) => a.unassigned).length).toBeGreaterThan(0);
  });

  it('deactivates users that records keep naming, and credits referrals and sourcing', () => {
    const deactivated = medium.users.filter((u) => u.deactivatedAt !== null && u.deactivatedAt > medium.start);
    expect(deactivated.length).toBeGreaterThan(2);
    for (const u of deactivated) expect(u.disabled).toBe(true);
    const named = new Set([...medium.teamMembers.map((m) => m.userId), ...medium.interviews.flatMap((i) => i.interviewerIds)]);
    expect(deactivated.some((u) => named.has(u.id))).toBe(true);
    const referrals = medium.applications.filter((a) => byId(medium.sources, a.sourceId).type === 'referral');
    expect(referrals.every((a) => (a.referrerId === null) !== (a.referrerName === null))).toBe(true);
    expect(referrals.some((a) => a.referrerName !== null)).toBe(true);
    for (const a of referrals) expect(a.creditedToId).toBe(a.referrerId);
    expect(medium.applications.filter((a) => a.isProspect && !referrals.includes(a)).every((a) => a.creditedToId !== null)).toBe(true);
  });

  it('holds panels whose scorecards rate attributes, with some scorecards never submitted', () => {
    expect(medium.interviews.some((i) => i.interviewerIds.length === 3)).toBe(true);
    const held = medium.interviews.filter((i) => i.status !== 'cancelled' && i.status !== 'scheduled');
    expect(held.some((i) => i.scorecardIds.length < i.interviewerIds.length && i.status === 'awaiting_feedback')).toBe(true);
    for (const s of medium.scorecards) {
      const iv = byId(medium.interviews, s.interviewId);
      expect(iv.interviewerIds).toContain(s.interviewerId);
      expect(s.ratings.map((r) => r.attribute)).toEqual(kitAttributes(byId(medium.stages, iv.stageId).canonical, iv.kitIndex));
      for (const r of s.ratings) if (r.rating !== null) expect([1, 2, 3, 4, 5]).toContain(r.rating);
    }
    const mean = (rec: string) => {
      const xs = medium.scorecards.filter((s) => s.recommendation === rec).flatMap((s) => s.ratings.map((r) => r.rating).filter((r): r is number => r !== null));
      return xs.reduce((a, b) => a + b, 0) / xs.length;
    };
    expect(mean('strong_yes')).toBeGreaterThan(mean('strong_no') + 2);
    expect(medium.scorecards.some((s) => s.submittedAt - byId(medium.interviews, s.interviewId).endAt > DAY)).toBe(true);
  });

  it('fills custom fields of every type on every entity, the same value every time', () => {
    const types = new Set(CUSTOM_FIELDS.map((f) => f.type));
    expect([...types].sort()).toEqual(['currency', 'date', 'long_text', 'multi_select', 'number', 'short_text', 'single_select', 'url', 'user', 'yes_no']);
    for (const entity of ['jobs', 'applications', 'candidates', 'offers', 'openings'] as const) {
      const rows = { jobs: medium.jobs, applications: medium.applications, candidates: medium.candidates, offers: medium.offers, openings: medium.openings }[entity];
      const values = rows.flatMap((r) => customFieldValues(medium, entity, r.id, r.createdAt).filter((v) => v.value !== null));
      expect(values.length, entity).toBeGreaterThan(rows.length / 2);
    }
    const level = CUSTOM_FIELDS.find((f) => f.key === 'level')!;
    expect(customFieldValue(medium, level, 3, 0)).toEqual(customFieldValue(structuredClone(medium), level, 3, 0));
    const legacy = CUSTOM_FIELDS.find((f) => f.filled === 0)!;
    expect(medium.jobs.every((j) => customFieldValue(medium, legacy, j.id, j.createdAt) === null)).toBe(true);
  });
});
