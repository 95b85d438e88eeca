import type { PersonalDataMap } from '../../src/privacy/personal-data.ts';

/** A candidate's contact data and files: what Ashby's anonymization removes (see the erasure below). */
const CONTACT = ['primaryEmailAddress', 'emailAddresses', 'primaryPhoneNumber', 'phoneNumbers', 'socialLinks', 'resumeFileHandle', 'fileHandles'];

/**
 * Where Ashby records hold a person's data (field names as in Ashby's API reference), and how an
 * erasure shows. Ashby erases a person two ways, neither with a flag or a deletion listing:
 * - candidate.anonymize (and Ashby's data-retention rules) strips the candidate in place: the same
 *   id is listed with its contact data and files gone, and the sync token returns it as changed.
 *   hirelake takes a candidate whose newest version holds no contact data or file, where an
 *   earlier version held one, as erased ('stripped');
 * - deleting the candidate: it is no longer listed, so a full pass lands its tombstone ('deleted');
 *   a deleted application likewise. A candidate merged away is tombstoned too; its applications
 *   moved to the survivor and stay.
 * Either way every version landed before is purged. Applications keep their ids, stages, source and
 * outcome; feedback keeps its overall recommendation (a model input), losing every other answer;
 * offers keep status and dates, losing salary, custom fields and documents.
 */
export const ashbyPersonalData: PersonalDataMap = {
  applications: { stream: 'applications', candidate: 'candidate.id' },
  streams: {
    candidates: {
      subject: 'candidate',
      path: '_record_id',
      personal: ['name', ...CONTACT, 'tags', 'position', 'company', 'school', 'location', 'timezone', 'customFields', 'fraudStatus'],
    },
    applications: {
      subject: 'application',
      path: '_record_id',
      personal: [
        'candidate.name', 'candidate.primaryEmailAddress', 'candidate.primaryPhoneNumber', 'customFields',
        'submitterClientIp', 'submitterUserAgent', 'applicationFormSubmissions',
      ],
    },
    // Answers are keyed by the form's field paths, which each account defines.
    application_feedback: { subject: 'application', path: 'applicationId', personal: ['submittedValues.*'], keep: ['submittedValues.overall_recommendation'] },
    offers: { subject: 'application', path: 'applicationId', personal: ['latestVersion.salary', 'latestVersion.customFields', 'latestVersion.fileHandles', 'versions'] },
  },
  erasures: [
    { kind: 'stripped', stream: 'candidates', fields: CONTACT, subject: 'candidate', path: '_record_id' },
    { kind: 'deleted', stream: 'candidates', subject: 'candidate', path: '_record_id' },
    { kind: 'deleted', stream: 'applications', subject: 'application', path: '_record_id' },
  ],
};
