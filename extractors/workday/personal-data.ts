import type { PersonalDataMap } from '../../src/privacy/personal-data.ts';

/**
 * Where Workday records hold a person's data, and how an erasure shows: a purged candidate is
 * gone from Get_Candidates, so their job applications are missing from a full read
 * (`--full-refresh`); the person is the candidate those applications named.
 */
export const workdayPersonalData: PersonalDataMap = {
  applications: { stream: 'job_applications', candidate: 'Candidate.Candidate_Reference.ID.Candidate_ID' },
  streams: {
    job_applications: {
      subject: 'application',
      path: '_record_id',
      personal: [
        'Candidate.Candidate_Reference.Descriptor', 'Candidate.Candidate_Data.Name_Data', 'Candidate.Candidate_Data.Contact_Data',
        'Candidate.Candidate_Data.Social_Media_Account_Data', 'Job_Applied_To_Data.Personal_Information_Data',
        'Job_Applied_To_Data.Global_Personal_Information_Data', 'Resume_Data',
      ],
    },
    demographics: { subject: 'application', path: '_record_id', personal: ['gender', 'race', 'veteran_status', 'disability_status', 'Report_Entry'] },
  },
  erasures: [{ kind: 'absent', stream: 'job_applications', subject: 'candidate', path: 'Candidate.Candidate_Reference.ID.Candidate_ID' }],
};
