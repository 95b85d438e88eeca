import type { PersonalDataMap } from '../../src/privacy/personal-data.ts';

/**
 * Where Lever records hold a person's data, and how an erasure shows: Lever anonymizes an erased
 * person's opportunities in place (`isAnonymized: true`, no name or contact; stages and outcome
 * stay), or deletes them (`/opportunities/deleted`, the raw zone's tombstones). Either way every
 * version hirelake landed before is purged. Offers keep their fields (the start date is a model
 * input), losing the signatures and documents; feedback keeps its ratings.
 */
export const leverPersonalData: PersonalDataMap = {
  applications: { stream: 'opportunities', candidate: 'contact' },
  streams: {
    opportunities: {
      subject: 'application',
      path: '_record_id',
      personal: [
        'name', 'headline', 'location', 'opportunityLocation', 'phones', 'emails', 'links', 'tags', 'resume',
        'applications[*].name', 'applications[*].company', 'applications[*].phone', 'applications[*].email', 'applications[*].links',
        'applications[*].comments', 'applications[*].customQuestions',
      ],
    },
    offers: { subject: 'application', path: 'opportunityId', personal: ['signatures', 'sentDocument', 'signedDocument'] },
    interviews: { subject: 'application', path: 'opportunityId', personal: ['note'] },
    eeo_responses: { subject: 'application', path: '_record_id', personal: ['gender', 'race', 'veteran', 'disability'] },
  },
  erasures: [
    { kind: 'flag', stream: 'opportunities', flag: 'isAnonymized', subject: 'application', path: '_record_id' },
    { kind: 'deleted', stream: 'opportunities', subject: 'application', path: '_record_id' },
  ],
};
