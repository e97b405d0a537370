import type { HttpHandler } from 'msw';
import { changeAppOwners, findApp } from '../domain/apps.js';
import type { SandboxApp } from '../model.js';
import type { SandboxState } from '../state.js';
import { ownerView } from '../views.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

/** An app as the admin summary and its read answer: `dataAppId`, not `id` (DS trap). */
function appView(state: SandboxState, app: SandboxApp) {
  return {
    dataAppId: app.id,
    title: app.title,
    owners: app.owners.map((o) => ownerView(state, o)),
    lastModified: app.lastModified,
  };
}

/** App Studio: the admin summary (every app: no owner filter), the read, the access list, bulk owners add/remove. */
export function appHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/content/v1/dataapps/adminsummary', async (ctx) => {
      await ctx.json();
      const limit = pageSize(ctx.url.searchParams.get('limit') ?? 30, 100);
      const skip = Math.max(0, Number(ctx.url.searchParams.get('skip') ?? 0) || 0);
      const apps = [...state.apps.values()].sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
      return json({ dataAppAdminSummaries: apps.slice(skip, skip + limit).map((a) => appView(state, a)) });
    }),
    endpoint(scope, 'GET', '/api/content/v1/dataapps/:id', (ctx) => json(appView(state, findApp(state, ctx.id())))),
    endpoint(scope, 'GET', '/api/content/v1/dataapps/:id/access', (ctx) => {
      const app = findApp(state, ctx.id());
      const entry = (level: string) => (p: SandboxApp['owners'][number]) => {
        const view = ownerView(state, p);
        return { type: view.type, id: view.id, name: view.displayName, accessLevel: level };
      };
      return json({ list: [...app.owners.map(entry('OWNER')), ...app.viewers.map(entry('CAN_VIEW'))] });
    }),
    endpoint(scope, 'PUT', '/api/content/v1/dataapps/bulk/owners', async (ctx) => {
      const count = changeAppOwners(state, 'add', await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
    endpoint(scope, 'POST', '/api/content/v1/dataapps/bulk/owners/remove', async (ctx) => {
      const count = changeAppOwners(state, 'remove', await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
  ];
}
