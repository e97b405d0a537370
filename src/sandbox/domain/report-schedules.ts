import { badRequest, notFound, show } from '../errors.js';
import type { SandboxReportSchedule } from '../model.js';
import type { SandboxState } from '../state.js';
import { findOwned, writeOwner } from './owned.js';

export const findReportSchedule = (state: SandboxState, id: number): SandboxReportSchedule =>
  findOwned(state.reportSchedules, id, 'scheduled report');

/** The schedules of one page or card, everyone's, by id (`showAll`; without it, only the caller's). */
export function resourceSchedules(
  state: SandboxState,
  type: string,
  id: number,
  showAll: boolean,
  callerId: number,
): SandboxReportSchedule[] {
  if (type !== 'page' && type !== 'card') throw notFound(`no such resource type ${show(type)}`);
  if (type === 'page' && !state.pages.has(id)) throw notFound(`page ${id} not found`);
  if (type === 'card' && !state.cards.has(id)) throw notFound(`card ${id} not found`);
  return [...state.reportSchedules.values()]
    .filter((s) => (type === 'page' ? s.pageId === id : s.cardId === id && s.pageId === 0))
    .filter((s) => showAll || s.ownerId === callerId)
    .sort((a, b) => a.id - b.id);
}

/**
 * `PUT /api/content/v1/reportschedules/{id}`: the whole schedule comes back (a body without `subject` or `schedule`
 * is a 400, and a title left out is lost, like a whole-object update); `ownerId` a live user (`page.admin`).
 */
export function putReportSchedule(
  state: SandboxState,
  id: number,
  body: unknown,
  callerId: number,
): SandboxReportSchedule {
  const report = findReportSchedule(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof input.subject !== 'string' || typeof input.schedule !== 'object' || input.schedule === null)
    throw badRequest('subject and schedule are required: send the whole scheduled report');
  if (input.ownerId !== undefined) writeOwner(state, report, input.ownerId, 'ownerId', 'page.admin', callerId);
  report.name = typeof input.title === 'string' ? input.title : '';
  report.subject = input.subject;
  report.attachmentInclude = input.attachmentInclude === true;
  return report;
}
