// The public routes of the scheduled-report family, by name (argument checks stay in their files).
export {
  REPORT_SCHEDULES_PER_RESOURCE,
  getReportSchedule,
  getResourceReportSchedules,
  setReportScheduleOwner,
} from './core.js';
export { ReportScheduleSchema, ReportScheduleTimingSchema, type ReportSchedule } from './schemas.js';
