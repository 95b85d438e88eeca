// World records → Harvest v3 records: flat objects with *_id foreign keys, ISO timestamps with
// milliseconds and 'YYYY-MM-DD' dates. Greenhouse has no "hired" stage: a hired or rejected
// application stays in its last stage, whose stage row keeps current=true and exited_at=null.
import type {
  Application, Candidate, CloseReason, CustomFieldEntity, CustomFieldValue, Department, Interview, Job, Office, Offer, Opening,
  RejectionReason, Scorecard, Source, Stage, StageVisit, TeamMember, User, World,
} from '../world/index.ts';
import { ATTRIBUTE_CATEGORIES, ATTRIBUTES, DAY, customFieldValues } from '../world/index.ts';
import { referrerIdOf, type AttributeTypeRow, type InterviewerRow, type JobAttributeRow, type RatingRow, type ReferrerRow } from './derived.ts';

export type Json = Record<string, unknown>;

const pad2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const pad3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const dayPrefix = new Map<number, string>();

/** Date#toISOString, about 7x faster: pages of timestamps are the emulator's hottest path */
export function iso(ms: number): string {
  if (!Number.isSafeInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY).toISOString().slice(0, 11);
    dayPrefix.set(day, prefix);
  }
  let r = ms - day * DAY;
  const h = Math.floor(r / 3_600_000);
  r -= h * 3_600_000;
  const m = Math.floor(r / 60_000);
  r -= m * 60_000;
  const s = Math.floor(r / 1000);
  return `${prefix}${pad2[h]}:${pad2[m]}:${pad2[s]}.${pad3[r - s * 1000]}Z`;
}
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/**
 * The same instant written with a UTC offset (`…+05:30`): real accounts' timestamps are not all
 * `Z`; a few records of each kind carry one, chosen by id.
 */
export function isoWithOffset(ms: number, offsetMinutes: number): string {
  const local = iso(ms + offsetMinutes * 60_000).slice(0, -1);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${local}${sign}${pad2[Math.floor(abs / 60)]}:${pad2[abs % 60]}`;
}
const OFFSETS = [330, -420, 60, -180] as const;
/** ISO for most records, an offset for one id in 23. */
const stamp = (id: number, ms: number): string => (id % 23 === 7 ? isoWithOffset(ms, OFFSETS[id % OFFSETS.length]!) : iso(ms));

const APPLICATION_STATUS = { active: 'in_process', rejected: 'rejected', hired: 'hired' } as const;
const OFFER_STATUS = { pending: 'Created', accepted: 'Accepted', declined: 'Rejected', deprecated: 'Deprecated' } as const;
const INTERVIEW_STATUS = { scheduled: 'scheduled', awaiting_feedback: 'awaiting_feedback', complete: 'complete', cancelled: 'skipped' } as const;
const REJECTION_TYPE = {
  rejected_by_company: { id: 1, key: 'WE_REJECTED_THEM', name: 'We rejected them' },
  withdrawn_by_candidate: { id: 2, key: 'THEY_REJECTED_US', name: 'They rejected us' },
  unspecified: { id: 3, key: 'NONE_SPECIFIED', name: 'None specified' },
} as const;
const SOURCE_TYPE = {
  job_board: { id: 1, name: 'third_party_boards' },
  social_media: { id: 2, name: 'social_media' },
  referral: { id: 3, name: 'referrals' },
  company_website: { id: 4, name: 'company_marketing' },
  agency: { id: 5, name: 'agencies' },
  sourced: { id: 6, name: 'prospecting' },
  event: { id: 7, name: 'attend_events' },
} as const;

/** Greenhouse models each interview of a stage as a "job interview"; derive a stable id for it */
const jobInterviewId = (iv: Interview): number => iv.stageId * 10 + iv.kitIndex;

/** A custom field's value as v3 writes it: text, number, boolean, [options], {amount, unit}, {user_id, name}. */
function customValue(w: World, v: CustomFieldValue | null): unknown {
  if (v === null) return null;
  switch (v.type) {
    case 'text': case 'number': case 'bool': case 'date':
      return v.value;
    case 'options':
      return v.value;
    case 'currency':
      return { amount: v.amount, unit: v.unit };
    case 'user': {
      const u = w.users[v.userId - 1]!;
      return { user_id: u.id, name: `${u.firstName} ${u.lastName}` };
    }
  }
}

/** `custom_fields`: every field of the entity keyed by its name_key, `{name, type, value}`; value null when empty. */
function customFields(w: World, entity: CustomFieldEntity, id: number, createdAt: number): Json {
  const out: Json = {};
  for (const { def, value } of customFieldValues(w, entity, id, createdAt)) {
    // single_select holds the option's name, not a one-element list.
    const v = value?.type === 'options' && def.type === 'single_select' ? value.value[0]! : customValue(w, value);
    out[def.key] = { name: def.name, type: def.type, value: v };
  }
  return out;
}

export function application(w: World, a: Application): Json {
  const stage = a.currentStageId === null ? null : w.stages[a.currentStageId - 1]!;
  return {
    id: a.id,
    candidate_id: a.candidateId,
    job_id: a.isProspect ? null : a.jobId,
    job_post_id: a.isProspect ? null : a.jobId,
    job_interview_stage_id: stage ? stage.id : null,
    stage_name: stage ? stage.name : null,
    status: APPLICATION_STATUS[a.status],
    prospect: a.isProspect,
    // A prospect in a pool has no job at all: neither job_id nor a prospective job.
    prospective_job_ids: a.isProspect && a.jobId !== null ? [a.jobId] : [],
    source_id: a.sourceId,
    referrer_id: referrerIdOf(w, a.id),
    recruiter_id: a.unassigned ? null : a.recruiterId,
    coordinator_id: a.unassigned ? null : a.coordinatorId,
    rejection_reason_id: a.rejectionReasonId,
    rejected_at: isoOrNull(a.rejectedAt),
    last_activity_at: iso(a.lastActivityAt),
    location_address: null,
    answers: [],
    custom_fields: customFields(w, 'applications', a.id, a.createdAt),
    created_at: stamp(a.id, a.appliedAt),
    updated_at: stamp(a.id, a.updatedAt),
  };
}

/** days_in_stage of an open row grows with the clock without updated_at moving, as in any live API */
export function applicationStage(w: World, v: StageVisit): Json {
  const app = w.applications[v.applicationId - 1]!;
  const current = app.visitIds[app.visitIds.length - 1] === v.id;
  // The outcome is not a stage move in Greenhouse: the final stage stays open.
  const exitedAt = current ? null : v.exitedAt;
  return {
    id: v.id,
    application_id: v.applicationId,
    job_interview_stage_id: v.stageId,
    entered_at: stamp(v.id, v.enteredAt),
    exited_at: isoOrNull(exitedAt),
    current,
    days_in_stage: Math.max(0, Math.floor(((exitedAt ?? w.now) - v.enteredAt) / DAY)),
    created_at: stamp(v.id, v.createdAt),
    updated_at: stamp(v.id, v.updatedAt),
  };
}

export function candidate(w: World, c: Candidate): Json {
  return {
    id: c.id,
    first_name: c.firstName,
    last_name: c.lastName,
    company: c.company,
    title: c.title,
    is_private: false,
    email_addresses: [{ value: c.email, type: 'personal' }],
    phone_numbers: [{ value: c.phone, type: 'mobile' }],
    tags: [],
    custom_fields: customFields(w, 'candidates', c.id, c.createdAt),
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function job(w: World, j: Job): Json {
  return {
    id: j.id,
    name: j.name,
    requisition_id: j.requisitionId,
    notes: j.notes,
    confidential: j.confidential,
    status: j.status,
    department_id: j.departmentId,
    office_ids: [j.officeId],
    opened_at: isoOrNull(j.openedAt),
    closed_at: isoOrNull(j.closedAt),
    is_template: false,
    copied_from_id: null,
    custom_fields: customFields(w, 'jobs', j.id, j.createdAt),
    created_at: iso(j.createdAt),
    updated_at: iso(j.updatedAt),
  };
}

/** A deleted job's stages stay listed, flagged inactive (Greenhouse's soft delete of stages). */
export function jobInterviewStage(w: World, s: Stage): Json {
  const deleted = s.jobId !== null && w.jobs[s.jobId - 1]!.deletedAt !== null;
  return {
    id: s.id, job_id: s.jobId, name: s.name, sort_order: s.sortOrder, active: !deleted,
    created_at: iso(s.createdAt), updated_at: iso(s.updatedAt),
  };
}

export function offer(w: World, o: Offer): Json {
  return {
    id: o.id,
    application_id: o.applicationId,
    candidate_id: o.candidateId,
    job_id: o.jobId,
    opening_id: o.openingId,
    version: o.version,
    status: OFFER_STATUS[o.status],
    sent_on: o.sentOn,
    starts_on: o.startsOn,
    resolved_at: isoOrNull(o.resolvedAt),
    custom_fields: customFields(w, 'offers', o.id, o.createdAt),
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
  };
}

export function opening(w: World, o: Opening): Json {
  return {
    id: o.id,
    job_id: o.jobId,
    opening_id: o.key,
    open: o.closedAt === null,
    opened_at: isoOrNull(o.openedAt),
    closed_at: isoOrNull(o.closedAt),
    close_reason_id: o.closeReasonId,
    application_id: o.applicationId,
    target_start_on: o.targetStartOn,
    sort_order: o.sortOrder,
    custom_fields: customFields(w, 'openings', o.id, o.createdAt),
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
  };
}

export function interview(_w: World, iv: Interview): Json {
  return {
    id: iv.id,
    application_id: iv.applicationId,
    job_id: iv.jobId,
    job_interview_id: jobInterviewId(iv),
    status: INTERVIEW_STATUS[iv.status],
    starts_at: iso(iv.startAt),
    ends_at: iso(iv.endAt),
    all_day_start_on: null,
    all_day_end_on: null,
    scheduled_at: iso(iv.createdAt),
    availability_received_at: null,
    organizer_id: iv.organizerId,
    location: null,
    video_conferencing_url: `https://meet.example.com/${iv.id}`,
    external_event_id: `evt-${iv.id}`,
    created_at: iso(iv.createdAt),
    updated_at: iso(iv.updatedAt),
  };
}

export function scorecard(w: World, s: Scorecard): Json {
  return {
    id: s.id,
    application_id: s.applicationId,
    interviewer_id: s.interviewerId,
    submitter_id: s.interviewerId,
    interview_kit_id: jobInterviewId(w.interviews[s.interviewId - 1]!),
    candidate_rating: s.recommendation,
    status: 'complete',
    interviewed_at: iso(s.interviewedAt),
    submitted_at: iso(s.submittedAt),
    notes: null,
    private_notes: null,
    public_notes: null,
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

export function rejectionReason(_w: World, r: RejectionReason): Json {
  return { id: r.id, name: r.name, type: REJECTION_TYPE[r.type], created_at: iso(r.createdAt), updated_at: iso(r.updatedAt) };
}

export function closeReason(_w: World, r: CloseReason): Json {
  return { id: r.id, name: r.name, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt) };
}

export function source(_w: World, s: Source): Json {
  return { id: s.id, name: s.name, type: SOURCE_TYPE[s.type], created_at: iso(s.createdAt), updated_at: iso(s.updatedAt) };
}

export function department(w: World, d: Department): Json {
  const childIds: number[] = [];
  for (const other of w.departments) if (other.parentId === d.id) childIds.push(other.id);
  return {
    id: d.id,
    name: d.name,
    parent_id: d.parentId,
    child_ids: childIds,
    parent_department_external_id: null,
    child_department_external_ids: [],
    external_id: null,
    created_at: iso(d.createdAt),
    updated_at: iso(d.updatedAt),
  };
}

export function office(_w: World, o: Office): Json {
  return {
    id: o.id, name: o.name, location: o.location, primary_contact_user_id: null, parent_id: null, child_ids: [],
    external_id: null, created_at: iso(o.createdAt), updated_at: iso(o.updatedAt),
  };
}

export function user(_w: World, u: User): Json {
  return {
    id: u.id,
    name: `${u.firstName} ${u.lastName}`,
    first_name: u.firstName,
    last_name: u.lastName,
    primary_email: u.email,
    emails: [u.email],
    employee_id: u.employeeId,
    // Deactivated users stay listed (v3 hides nothing but hard-deleted users).
    deactivated: u.disabled,
    site_admin: u.siteAdmin,
    job_title: null,
    office_ids: [],
    department_ids: [],
    linked_candidate_ids: [],
    created_at: iso(u.createdAt),
    updated_at: iso(u.updatedAt),
  };
}

/** /v3/job_owners: recruiters, coordinators and sourcers; `responsible` marks the primary recruiter and coordinator. */
export function jobOwner(_w: World, m: TeamMember): Json {
  return {
    id: m.id, job_id: m.jobId, user_id: m.userId, type: m.role, responsible: m.role !== 'sourcer' && m.primary,
    created_at: iso(m.createdAt), updated_at: iso(m.updatedAt),
  };
}

/** /v3/job_hiring_managers: no primary flag (the primary is the one assigned last). */
export function jobHiringManager(_w: World, m: TeamMember): Json {
  return { id: m.id, job_id: m.jobId, user_id: m.userId, created_at: iso(m.createdAt), updated_at: iso(m.updatedAt) };
}

const RESPONSES = ['accepted', 'accepted', 'accepted', 'tentative', 'needs_action', 'declined'] as const;

/** /v3/interviewers: one row per interviewer on a panel; scorecard_id once their scorecard is in. */
export function interviewer(w: World, r: InterviewerRow): Json {
  const iv = w.interviews[r.interviewId - 1]!;
  // A seat the panel no longer fills is not served (see the resource's `visible`); rendered, it names nobody.
  const userId = iv.interviewerIds[r.seat];
  const u = userId === undefined ? undefined : w.users[userId - 1]!;
  const scorecard = u === undefined ? undefined : iv.scorecardIds.map((id) => w.scorecards[id - 1]!).find((s) => s.interviewerId === userId);
  return {
    id: r.id,
    interview_id: iv.id,
    user_id: u?.id ?? null,
    email: u?.email ?? null,
    response_status: RESPONSES[(r.id * 7) % RESPONSES.length],
    scorecard_id: scorecard?.id ?? null,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

const RATING_TEXT = { 1: 'definitely_not', 2: 'no', 3: 'mixed', 4: 'yes', 5: 'strong_yes' } as const;

/** /v3/scorecard_candidate_attributes: one attribute's rating on one scorecard. */
export function scorecardAttribute(w: World, r: RatingRow): Json {
  const sc = w.scorecards[r.scorecardId - 1]!;
  const rating = sc.ratings[r.index]!;
  const iv = w.interviews[sc.interviewId - 1]!;
  const value = rating.rating === null ? 'no_decision' : RATING_TEXT[rating.rating as 1 | 2 | 3 | 4 | 5];
  return {
    id: r.id,
    scorecard_id: sc.id,
    job_candidate_attribute_id: iv.jobId === null ? null : jobAttributeId(iv.jobId, rating.attribute),
    candidate_attribute_rating: value,
    value,
    note: null,
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  };
}

export const jobAttributeId = (jobId: number, attribute: number): number => (jobId - 1) * ATTRIBUTES.length + attribute + 1;

/** /v3/job_candidate_attributes: the attributes a job's scorecards rate; their group is a candidate_attribute_type of the job. */
export function jobCandidateAttribute(_w: World, r: JobAttributeRow): Json {
  const a = ATTRIBUTES[r.attribute]!;
  return {
    id: r.id, name: a.name, candidate_attribute_type_id: attributeTypeId(r.jobId, ATTRIBUTE_CATEGORIES.indexOf(a.category)), job_id: r.jobId,
    active: true, sort_order: r.attribute, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt),
  };
}

export const attributeTypeId = (jobId: number, category: number): number => (jobId - 1) * ATTRIBUTE_CATEGORIES.length + category + 1;

/** /v3/candidate_attribute_types: a job's attribute groups (Skills, Qualifications, …). */
export function candidateAttributeType(_w: World, r: AttributeTypeRow): Json {
  return {
    id: r.id, name: ATTRIBUTE_CATEGORIES[r.category], job_id: r.jobId, active: true, is_draft: false, sort_order: r.category,
    created_at: iso(r.createdAt), updated_at: iso(r.updatedAt),
  };
}

/** /v3/referrers: who gets credit for applications; user_id null for outsiders and removed users. */
export function referrer(w: World, r: ReferrerRow): Json {
  if (r.userId !== null) {
    const u = w.users[r.userId - 1]!;
    return { id: r.id, name: `${u.firstName} ${u.lastName}`, user_id: u.deletedAt === null ? u.id : null, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt) };
  }
  return { id: r.id, name: w.applications[r.applicationId! - 1]!.referrerName, user_id: null, created_at: iso(r.createdAt), updated_at: iso(r.updatedAt) };
}
