// Workday Recruiting emulator: serves a simulated World as the Recruiting SOAP web service
// (Get_Job_Requisitions, Get_Candidates, Get_Job_Postings) and a RaaS stage-history report.
export { startWorkdayEmulator, DEFAULT_VERSION } from './server.ts';
export type { EmulatorStats, WorkdayEmulator, WorkdayEmulatorOptions, WorkdayFaultConfig } from './types.ts';
export { DEFAULT_STAGE_HISTORY_REPORT, type StageHistoryColumns, type StageHistoryReportDef } from './raas.ts';
export { candidateId, jobApplicationId, READY_FOR_HIRE_STEP, RECRUITING_STAGES, recruitingStageOf, wid } from './render.ts';
