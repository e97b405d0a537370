import type { HttpHandler } from 'msw';
import { findReportSchedule, putReportSchedule, resourceSchedules } from '../domain/report-schedules.js';
import { pageOfRows } from '../domain/owned.js';
import type { SandboxReportSchedule } from '../model.js';
import { endpoint, json, type SandboxScope } from './kit.js';

function scheduleView(s: SandboxReportSchedule) {
  return {
    id: s.id,
    title: s.name,
    subject: s.subject,
    ownerId: s.ownerId,
    owner: false,
    pageId: s.pageId,
    cardId: s.cardId,
    viewId: s.viewId,
    type: 'view',
    active: s.schedule.enabled,
    attachmentInclude: s.attachmentInclude,
    schedule: { ...s.schedule, ownerId: s.ownerId, unsubscribedRecipients: [] },
  };
}

/** Scheduled reports: one read, the schedules of a page or a card (skip/limit, `showAll`), the whole-schedule update. */
export function reportScheduleHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/content/v1/reportschedules/resources/:type/:id', (ctx) => {
      const q = ctx.url.searchParams;
      const rows = resourceSchedules(
        state,
        ctx.params.type as string,
        ctx.id(),
        q.get('showAll') === 'true',
        ctx.userId,
      );
      return json(pageOfRows(rows, q.get('skip'), q.get('limit'), 500).map(scheduleView));
    }),
    endpoint(scope, 'GET', '/api/content/v1/reportschedules/:id', (ctx) =>
      json(scheduleView(findReportSchedule(state, ctx.id()))),
    ),
    endpoint(scope, 'PUT', '/api/content/v1/reportschedules/:id', async (ctx) => {
      const report = putReportSchedule(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return json(scheduleView(report));
    }),
  ];
}
