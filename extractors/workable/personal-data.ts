import type { PersonalDataMap } from '../../src/privacy/personal-data.ts';

/**
 * Where Workable SPI v3 records hold a person's data, and how an erasure shows.
 *
 * A Workable candidate is one person in one job, so it is both the person hirelake forgets and
 * the application (`--candidate` takes a Workable candidate id, or core's person key for all of
 * that person's candidates). Workable's GDPR erasure deletes
 * the candidate for good (help.workable.com, "GDPR and candidates' right to erasure"): it is gone
 * from `/candidates` and its activities and offer answer 404, so it shows only as missing from a
 * complete read (`--full-refresh`). Candidates also carry `anonymized` (recorded responses; not
 * described further): one that shows it true is purged as well.
 *
 * The candidate keeps what the models count: ids, job, stage, dates, the disqualification reason
 * (a reason from the account's list, the rejection reason) and the source. The list form lands
 * fewer fields than the detail form; the detail-only ones are listed too, so a wider list answer
 * is purged as well. Activity bodies are free text (comments, messages, the disqualification as
 * typed) and no model reads them. Members are the account's users, not candidates.
 */
export const workablePersonalData: PersonalDataMap = {
  applications: { stream: 'candidates', candidate: '_record_id' },
  // core.candidates keys a person by an md5 of their email (int_workable__candidates.sql):
  // `hirelake forget` takes that key too, for every one of the person's Workable candidates.
  personKey: { stream: 'candidates', path: 'email', hash: 'md5-lower-trim' },
  streams: {
    candidates: {
      subject: 'application',
      path: '_record_id',
      personal: [
        'name', 'firstname', 'lastname', 'headline', 'summary', 'address', 'phone', 'email', 'outbound_mailbox', 'image_url',
        'resume_url', 'resume_metadata', 'cover_letter', 'social_profiles', 'education_entries', 'experience_entries', 'skills',
        'answers', 'tags', 'location',
      ],
    },
    activities: { subject: 'application', path: 'candidate_id', personal: ['body'] },
    // The offer names the candidate and where they are; its documents are named after them.
    offers: { subject: 'application', path: 'candidate.id', personal: ['candidate.name', 'candidate.location', 'documents'] },
  },
  erasures: [
    { kind: 'absent', stream: 'candidates', subject: 'candidate', path: '_record_id' },
    { kind: 'flag', stream: 'candidates', flag: 'anonymized', subject: 'candidate', path: '_record_id' },
  ],
};
