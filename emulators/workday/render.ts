// World records → Workday Recruiting web-service objects (local element names; soap.ts adds the
// `wd:` prefix). What Workday shows and what it does not:
// - a candidate carries its job applications inline (there is no Get_Job_Applications);
// - an application shows only its CURRENT stage: the coarse, tenant-wide Recruiting stage
//   (Review, Screen, Assessment, Interview, Reference Check, Offer, Ready for Hire) plus the job's
//   own workflow step, whose descriptor is the world's stage name; no history;
// - Status_Timestamp is the moment of the last status change (stage move, disposition or hire);
// - a rejected application keeps its stage and gains a Disposition_Reference; a hired one moves to
//   Ready for Hire;
// - prospects are candidates with Prospect_Data, not job applications.
import { createHash } from 'node:crypto';
import { isBackfill, type Application, type Candidate, type Job, type Stage, type World } from '../world/index.ts';
import type { Node } from './soap.ts';
import { wdDate, wdDateFromIso, wdDateTime } from './time.ts';

export interface RenderContext {
  world: World;
  tenant: string;
  timeZone: string;
}

/** A Workday WID: 32 lowercase hex characters, stable per tenant and object. */
const wids = new Map<string, string>();

export function wid(tenant: string, kind: string, key: string | number): string {
  const k = `${tenant}/${kind}/${key}`;
  let w = wids.get(k);
  if (w === undefined) {
    w = createHash('md5').update(k).digest('hex');
    if (wids.size > 1_000_000) wids.clear();
    wids.set(k, w);
  }
  return w;
}

type IdPair = readonly [type: string, value: string];

/** `X_Reference`: optional Descriptor plus one ID per type, the WID first. */
export function reference(descriptor: string | null, ids: readonly IdPair[]): Node {
  return {
    ...(descriptor === null ? {} : { '@_Descriptor': descriptor }),
    ID: ids.map(([type, value]) => ({ '@_type': type, '#text': value })),
  };
}

export const candidateId = (id: number): string => `CAND-${id}`;
export const jobApplicationId = (id: number): string => `JOB_APPLICATION-${id}`;
export const jobPostingId = (jobId: number): string => `JOB_POSTING-${jobId}-1`;

const slugId = (s: string): string => s.toUpperCase().replace(/[^A-Z0-9]+/g, '_').replace(/^_|_$/g, '');

/** Workday's delivered recruiting stages; a job's steps each belong to one of them. */
export const RECRUITING_STAGES = {
  review: { id: 'REVIEW', name: 'Review' },
  screen: { id: 'SCREEN', name: 'Screen' },
  assessment: { id: 'ASSESSMENT', name: 'Assessment' },
  interview: { id: 'INTERVIEW', name: 'Interview' },
  reference_check: { id: 'REFERENCE_CHECK', name: 'Reference Check' },
  offer: { id: 'OFFER', name: 'Offer' },
  ready_for_hire: { id: 'READY_FOR_HIRE', name: 'Ready for Hire' },
} as const;
export type RecruitingStage = (typeof RECRUITING_STAGES)[keyof typeof RECRUITING_STAGES];

export function recruitingStageOf(stage: Stage): RecruitingStage {
  switch (stage.canonical) {
    case 'applied':
      return RECRUITING_STAGES.review;
    case 'screen':
      return RECRUITING_STAGES.screen;
    case 'offer':
      return RECRUITING_STAGES.offer;
    case 'interview':
      if (stage.name === 'Take Home' || stage.name === 'Work Sample') return RECRUITING_STAGES.assessment;
      if (stage.name === 'Reference Check') return RECRUITING_STAGES.reference_check;
      return RECRUITING_STAGES.interview;
  }
}

/** The workflow step a hire ends in: tenant-wide, not part of any job's own plan. */
export const READY_FOR_HIRE_STEP = 'Ready for Hire';

function stageRef(ctx: RenderContext, s: RecruitingStage): Node {
  return reference(s.name, [['WID', wid(ctx.tenant, 'stage', s.id)], ['Recruiting_Stage_ID', s.id]]);
}

function stepRef(ctx: RenderContext, name: string, key: string | number): Node {
  return reference(name, [['WID', wid(ctx.tenant, 'step', key)]]);
}

export function requisitionRef(ctx: RenderContext, job: Job): Node {
  return reference(`${job.requisitionId} ${job.name}`, [['WID', wid(ctx.tenant, 'requisition', job.id)], ['Job_Requisition_ID', job.requisitionId]]);
}

function workerRef(ctx: RenderContext, userId: number): Node {
  const u = ctx.world.users[userId - 1]!;
  return reference(`${u.firstName} ${u.lastName}`, [['WID', wid(ctx.tenant, 'worker', u.id)], ['Employee_ID', u.employeeId]]);
}

/** What the API shows as the application's current status: stage, step, disposition, timestamp. */
export function currentStatus(ctx: RenderContext, app: Application): { stage: RecruitingStage; step: Node; statusAt: number } {
  const { world } = ctx;
  const visit = world.visits[app.visitIds[app.visitIds.length - 1]! - 1]!;
  const stage = world.stages[visit.stageId - 1]!;
  if (app.status === 'hired') {
    return { stage: RECRUITING_STAGES.ready_for_hire, step: stepRef(ctx, READY_FOR_HIRE_STEP, 'ready_for_hire'), statusAt: app.hiredAt! };
  }
  return {
    stage: recruitingStageOf(stage),
    step: stepRef(ctx, stage.name, stage.id),
    statusAt: app.status === 'rejected' ? app.rejectedAt! : visit.enteredAt,
  };
}

/** Workday job applications always name a requisition (the emulator refuses job-less worlds). */
function jobIdOf(app: Application): number {
  if (app.jobId === null) throw new Error(`world application ${app.id} has no job, which Workday cannot show`);
  return app.jobId;
}

function jobApplication(ctx: RenderContext, app: Application): Node {
  const { world, timeZone } = ctx;
  const job = world.jobs[jobIdOf(app) - 1]!;
  const source = world.sources[app.sourceId - 1]!;
  const { stage, step, statusAt } = currentStatus(ctx, app);
  const reason = app.rejectionReasonId === null ? null : world.rejectionReasons[app.rejectionReasonId - 1]!;
  return {
    Job_Application_Reference: reference(null, [['WID', wid(ctx.tenant, 'job_application', app.id)], ['Job_Application_ID', jobApplicationId(app.id)]]),
    Job_Applied_To_Data: {
      Job_Application_ID: jobApplicationId(app.id),
      Job_Requisition_Reference: [requisitionRef(ctx, job)],
      Job_Application_Date: wdDateTime(app.appliedAt, timeZone),
      Stage_Reference: [stageRef(ctx, stage)],
      Workflow_Step_Reference: [step],
      Disposition_Reference: reason
        ? [reference(reason.name, [['WID', wid(ctx.tenant, 'disposition', reason.id)], ['Recruiting_Disposition_ID', slugId(reason.name)]])]
        : undefined,
      Status_Timestamp: wdDateTime(statusAt, timeZone),
      Source_Reference: [reference(source.name, [['WID', wid(ctx.tenant, 'source', source.id)], ['Applicant_Source_ID', slugId(source.name)]])],
      Referred_By_Worker_Reference: app.referrerId === null ? undefined : [workerRef(ctx, app.referrerId)],
      Added_By_Worker_Reference: [workerRef(ctx, app.recruiterId)],
    },
  };
}

export function candidate(ctx: RenderContext, c: Candidate): Node {
  const apps = c.applicationIds.map((id) => ctx.world.applications[id - 1]!);
  const prospectFor = apps.filter((a) => a.isProspect);
  const applied = apps.filter((a) => !a.isProspect);
  return {
    Candidate_Reference: reference(`${c.firstName} ${c.lastName}`, [['WID', wid(ctx.tenant, 'candidate', c.id)], ['Candidate_ID', candidateId(c.id)]]),
    Candidate_Data: {
      Candidate_ID: candidateId(c.id),
      Name_Data: {
        Legal_Name: { Name_Detail_Data: { '@_Formatted_Name': `${c.firstName} ${c.lastName}`, First_Name: c.firstName, Last_Name: c.lastName } },
      },
      Contact_Data: { Email_Address: c.email, Phone_Number: c.phone },
      Status_Data: { Do_Not_Hire: '0', Withdrawn: '0' },
      Prospect_Data:
        prospectFor.length > 0
          ? {
              Prospect: '1',
              Source_Reference: [(() => {
                const s = ctx.world.sources[prospectFor[0]!.sourceId - 1]!;
                return reference(s.name, [['WID', wid(ctx.tenant, 'source', s.id)], ['Applicant_Source_ID', slugId(s.name)]]);
              })()],
            }
          : undefined,
      Job_Application_Data: applied.length > 0 ? applied.map((a) => jobApplication(ctx, a)) : undefined,
    },
  };
}

function requisitionStatus(world: World, job: Job): string {
  if (job.status === 'draft') return 'Draft';
  if (job.status === 'open') return 'Open';
  const filled = job.openingIds.every((oid) => world.openings[oid - 1]!.applicationId !== null);
  return filled ? 'Filled' : 'Closed';
}

export function requisition(ctx: RenderContext, job: Job): Node {
  const { world, timeZone } = ctx;
  const dept = world.departments[job.departmentId - 1]!;
  const office = world.offices[job.officeId - 1]!;
  const status = requisitionStatus(world, job);
  const target = job.openingIds.map((oid) => world.openings[oid - 1]!.targetStartOn).find((d) => d !== null) ?? null;
  return {
    Job_Requisition_Reference: [requisitionRef(ctx, job)],
    Job_Requisition_Data: {
      Job_Requisition_ID: job.requisitionId,
      Job_Requisition_Status_Reference: [reference(status, [['WID', wid(ctx.tenant, 'requisition_status', status)], ['Job_Requisition_Status_ID', status.toUpperCase()]])],
      Job_Posting_Title: job.name,
      Number_of_Openings: String(job.openingIds.length),
      // A backfill names the worker it replaces (someone who left; not a world user).
      Replacement_for_Worker_Reference: isBackfill(world, job.id)
        ? [reference(null, [['WID', wid(ctx.tenant, 'former_worker', job.id)], ['Employee_ID', `EMP-FORMER-${job.id}`]])]
        : undefined,
      Confidential_Job_Requisition: job.confidential ? '1' : '0',
      Hiring_Requirement_Data: {
        Recruiting_Start_Date: wdDate(job.openedAt ?? job.createdAt, timeZone),
        Target_Hire_Date: target === null ? undefined : wdDateFromIso(target, timeZone),
        Worker_Type_Reference: [reference('Employee', [['WID', wid(ctx.tenant, 'worker_type', 'EE')], ['Worker_Type_ID', 'EE']])],
        Primary_Location_Reference: [reference(office.name, [['WID', wid(ctx.tenant, 'location', office.id)], ['Location_ID', slugId(office.name)]])],
        Time_Type_Reference: [reference('Full time', [['WID', wid(ctx.tenant, 'time_type', 'FT')], ['Position_Time_Type_ID', 'Full_time']])],
        Scheduled_Weekly_Hours: '40',
      },
      Supervisory_Organization_Reference: [
        reference(dept.name, [['WID', wid(ctx.tenant, 'organization', dept.id)], ['Organization_Reference_ID', `${slugId(dept.name)}_supervisory`]]),
      ],
      Recruiter_Reference: [workerRef(ctx, job.recruiterId)],
      Hiring_Manager_Reference: [workerRef(ctx, job.hiringManagerId)],
    },
  };
}

/** Jobs advertised on the external career site: opened at least once and not confidential. */
export function isPosted(job: Job): boolean {
  return job.openedAt !== null && !job.confidential;
}

export function posting(ctx: RenderContext, job: Job): Node {
  const { world, timeZone } = ctx;
  const office = world.offices[job.officeId - 1]!;
  const slug = job.name.replace(/[^A-Za-z0-9]+/g, '-');
  return {
    Job_Posting_Reference: [reference(job.name, [['WID', wid(ctx.tenant, 'posting', job.id)], ['Job_Posting_ID', jobPostingId(job.id)]])],
    Job_Posting_Data: {
      Job_Posting_ID: jobPostingId(job.id),
      Job_Posting_Title: job.name,
      Job_Requisition_Reference: [requisitionRef(ctx, job)],
      Job_Posting_Site_Reference: [reference('Careers', [['WID', wid(ctx.tenant, 'posting_site', 'external')], ['Job_Posting_Site_ID', 'External']])],
      External_Job_Path: `/job/${slugId(office.name)}/${slug}_${job.requisitionId}`,
      Job_Posting_Location_Data: {
        Primary_Location_Reference: [reference(office.name, [['WID', wid(ctx.tenant, 'location', office.id)], ['Location_ID', slugId(office.name)]])],
      },
      Job_Posting_Start_Date: wdDate(job.openedAt!, timeZone),
      Job_Posting_End_Date: job.closedAt === null ? undefined : wdDate(job.closedAt, timeZone),
      Primary_Posting: '1',
    },
  };
}
