import type { HttpHandler } from 'msw';
import { ACTIVITY_OBJECT_TYPES, activityQuery, readActivity } from '../domain/activity.js';
import { endpoint, json, type SandboxScope } from './kit.js';

/**
 * The activity log (D-AL, DL): the object types, and one page of events by window and type — the documented
 * `objectType` query parameter and DL's path variant alike. Reproduces the traps of domo-api-admin.md §5: a
 * comma-separated type answers zero rows without an error; a page size above the limit is refused.
 */
export function activityHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/audit/v1/user-audits/objectTypes', (ctx) => {
      state.requireAuthority(ctx.userId, 'admin.audit.view');
      return json([...ACTIVITY_OBJECT_TYPES]);
    }),
    endpoint(scope, 'GET', '/api/audit/v1/user-audits/objectTypes/:type', async (ctx) =>
      json(await readActivity(state, ctx.userId, activityQuery(ctx.url.searchParams, ctx.params.type))),
    ),
    endpoint(scope, 'GET', '/api/audit/v1/user-audits', async (ctx) =>
      json(await readActivity(state, ctx.userId, activityQuery(ctx.url.searchParams, undefined))),
    ),
  ];
}
