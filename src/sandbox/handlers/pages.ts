import type { HttpHandler } from 'msw';
import { changePageOwners, findPage } from '../domain/pages.js';
import { objectBody } from '../domain/roles.js';
import type { SandboxPage } from '../model.js';
import type { SandboxState } from '../state.js';
import { ownerView } from '../views.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

/** A page as adminsummary lists it: `pageId` and `pageTitle`, not `id` and `title` (DS trap). */
function summaryView(state: SandboxState, page: SandboxPage) {
  return {
    pageId: page.id,
    pageTitle: page.title,
    parentPageId: page.parentPageId,
    owners: page.owners.map((o) => ownerView(state, o)),
    cardCount: page.cardIds.length,
  };
}

/** Pages: adminsummary (owner filter honoured), the stacks read with owners and cards, bulk owners add/remove. */
export function pageHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/content/v1/pages/adminsummary', async (ctx) => {
      const body = objectBody(await ctx.json());
      const limit = pageSize(ctx.url.searchParams.get('limit') ?? 35, 100);
      const skip = Math.max(0, Number(ctx.url.searchParams.get('skip') ?? 0) || 0);
      const ownerIds = Array.isArray(body.ownerIds) ? body.ownerIds.map(Number) : undefined;
      const pages = [...state.pages.values()]
        .filter((p) => !ownerIds || p.owners.some((o) => o.type === 'USER' && ownerIds.includes(o.id)))
        .sort((a, b) => a.title.localeCompare(b.title) || a.id - b.id);
      return json({ pageAdminSummaries: pages.slice(skip, skip + limit).map((p) => summaryView(state, p)) });
    }),
    endpoint(scope, 'GET', '/api/content/v3/stacks/:id/cards', (ctx) => {
      const page = findPage(state, ctx.id());
      return json({
        page: {
          pageId: page.id,
          title: page.title,
          parentPageId: page.parentPageId,
          owners: page.owners.map((o) => ownerView(state, o)),
        },
        cards: page.cardIds.flatMap((id) => (state.cards.has(id) ? [{ id, title: state.cards.get(id)!.title }] : [])),
      });
    }),
    endpoint(scope, 'PUT', '/api/content/v1/pages/bulk/owners', async (ctx) => {
      const count = changePageOwners(state, 'add', await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
    endpoint(scope, 'POST', '/api/content/v1/pages/bulk/owners/remove', async (ctx) => {
      const count = changePageOwners(state, 'remove', await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
  ];
}
