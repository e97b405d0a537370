import type { HttpHandler } from 'msw';
import { findAlert, listAlerts, patchAlert } from '../domain/alerts.js';
import { pageOfRows } from '../domain/owned.js';
import type { SandboxAlert } from '../model.js';
import { endpoint, json, type SandboxScope } from './kit.js';

function alertView(a: SandboxAlert) {
  return {
    id: a.id,
    name: a.name,
    owner: a.ownerId,
    resourceType: 'CARD',
    resourceId: String(a.cardId),
    active: a.active,
    createdAt: a.createdAt,
    updatedAt: a.lastModified,
  };
}

/** Alerts: the list (owner filter, limit/offset, a bare array), the read and the owner patch. */
export function alertHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/social/v4/alerts', (ctx) => {
      const q = ctx.url.searchParams;
      return json(pageOfRows(listAlerts(state, q.get('ownerId')), q.get('offset'), q.get('limit'), 50).map(alertView));
    }),
    endpoint(scope, 'GET', '/api/social/v4/alerts/:id', (ctx) => json(alertView(findAlert(state, ctx.id())))),
    endpoint(scope, 'PATCH', '/api/social/v4/alerts/:id', async (ctx) => {
      const alert = patchAlert(state, ctx.id(), await ctx.json(), ctx.userId);
      ctx.applied();
      return json(alertView(alert));
    }),
  ];
}
