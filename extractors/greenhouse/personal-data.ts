import type { PersonalDataMap } from '../../src/privacy/personal-data.ts';

/**
 * Where Harvest v3 records hold a person's data, and how an erasure shows: Greenhouse deletes the
 * candidate with their applications, so they are missing from a full read (`--full-refresh`). A
 * candidate merged into another goes missing too; its applications moved to the survivor, so only
 * the duplicate's own record is purged.
 */
export const greenhousePersonalData: PersonalDataMap = {
  applications: { stream: 'applications', candidate: 'candidate_id' },
  streams: {
    candidates: {
      subject: 'candidate',
      path: '_record_id',
      personal: [
        'first_name', 'last_name', 'company', 'title', 'email_addresses', 'phone_numbers', 'addresses', 'website_addresses',
        'social_media_addresses', 'educations', 'employments', 'attachments', 'tags', 'custom_fields', 'keyed_custom_fields', 'photo_url',
      ],
    },
    applications: { subject: 'application', path: '_record_id', personal: ['answers', 'location_address', 'custom_fields', 'keyed_custom_fields', 'attachments'] },
    offers: { subject: 'application', path: 'application_id', personal: ['custom_fields', 'keyed_custom_fields'] },
    scorecards: { subject: 'application', path: 'application_id', personal: ['notes', 'private_notes', 'public_notes', 'questions', 'attributes'] },
    eeoc: { subject: 'application', path: '_record_id', personal: ['race', 'gender', 'veteran_status', 'disability_status'] },
    // The option an applicant chose is their answer, and a self-describe box holds their own words.
    demographic_answers: { subject: 'application', path: 'application_id', personal: ['demographic_answer_option_id', 'free_form_text'] },
  },
  erasures: [
    { kind: 'absent', stream: 'candidates', subject: 'candidate', path: '_record_id' },
    { kind: 'absent', stream: 'applications', subject: 'application', path: '_record_id' },
  ],
  notPersonal: {
    demographic_question_sets: "the account's survey configuration: titles and descriptions",
    demographic_questions: "the account's own questions, nobody's answers",
    demographic_answer_options: "the options a question offers, nobody's choice",
  },
};
