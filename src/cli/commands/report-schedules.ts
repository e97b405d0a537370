import type { Command } from 'commander';
import type { DomoReportSchedule } from '../../classes/report-schedule/report-schedule.js';
import { DomoReportSchedules } from '../../classes/report-schedule/report-schedules.js';
import type { CliContext } from '../context.js';
import { registerOwnedFamily } from '../owned-family.js';

/** `domo-admin report-schedules list|show|transfer` */
export function registerReportSchedules(program: Command, ctx: () => CliContext): void {
  registerOwnedFamily<DomoReportSchedule>(program, ctx, {
    command: 'report-schedules',
    label: 'scheduled report',
    manager: (auth) => new DomoReportSchedules(auth),
    columns: [
      { header: 'PAGE', value: (r) => r.pageId },
      { header: 'EVERY', value: (r) => r.frequency?.toLowerCase() },
      { header: 'ON', value: (r) => (r.enabled ? 'yes' : 'no') },
    ],
    showLines: (r) => [
      `  subject: ${r.subject}`,
      `  sends: ${r.pageId ? `page ${r.pageId}` : r.cardId ? `card ${r.cardId}` : '-'}   every: ${r.frequency?.toLowerCase() ?? '-'}   enabled: ${r.enabled ? 'yes' : 'no'}`,
    ],
  });
}
