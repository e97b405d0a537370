import type { HttpHandler } from 'msw';
import { changeCardOwners, searchOwners } from '../domain/cards.js';
import { objectBody } from '../domain/roles.js';
import { badRequest } from '../errors.js';
import type { SandboxCard } from '../model.js';
import type { SandboxState } from '../state.js';
import { ownerView } from '../views.js';
import { endpoint, errorResponse, json, type SandboxScope } from './kit.js';

/** A card as `GET /api/content/v1/cards?urns=…&parts=owners,datasources` shows it. */
function cardView(state: SandboxState, card: SandboxCard) {
  return {
    id: card.id,
    urn: String(card.id),
    title: card.title,
    type: card.type,
    created: card.createdAt,
    lastModified: card.lastModified,
    owners: card.owners.map((o) => ownerView(state, o)),
    datasources: card.datasetIds.map((id) => ({
      dataSourceId: id,
      dataSourceName: state.datasets.get(id)?.name ?? '',
    })),
  };
}

/** Cards: read by urns (the only read: `cards/{id}` is a 405), owners add/remove, the datacenter search, adminsummary. */
export function cardHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/content/v1/cards', (ctx) => {
      const urns = ctx.url.searchParams.get('urns');
      if (!urns) throw badRequest('urns is required');
      const ids = urns.split(',').map((u) => Number(u.trim()));
      const pages = (ctx.url.searchParams.get('parts') ?? '').split(',').includes('adminAllPages');
      return json(
        ids.flatMap((id) => {
          const card = state.cards.get(id);
          if (!card) return [];
          const page = card.pageId === null ? undefined : state.pages.get(card.pageId);
          const adminAllPages = page ? [{ pageId: page.id, title: page.title }] : [];
          return [{ ...cardView(state, card), ...(pages ? { adminAllPages } : {}) }];
        }),
      );
    }),
    // DS: "GET /content/v1/cards/{id} does not exist (405)".
    endpoint(scope, 'GET', '/api/content/v1/cards/:id', (ctx) =>
      errorResponse(state, 405, 'Request method GET not supported', ctx.url.pathname),
    ),
    endpoint(scope, 'POST', '/api/content/v1/cards/owners/:action', async (ctx) => {
      const count = changeCardOwners(state, ctx.params.action as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ updated: count });
    }),
    // DS: adminsummary ignores every owner filter and answers up to 1 000 rows of the whole instance.
    endpoint(scope, 'POST', '/api/content/v2/cards/adminsummary', async (ctx) => {
      objectBody(await ctx.json());
      const cards = [...state.cards.values()].slice(0, 1000);
      return json({ cardAdminSummaries: cards.map((c) => ({ ...cardView(state, c), ownerId: c.owners[0]?.id })) });
    }),
  ];
}

/** The datacenter search's card rows for an `owned_by_id` filter (`<id>` or `<id>:USER`), as the lagging index has them. */
export function searchCardRows(state: SandboxState, ownedBy: string | undefined, query?: unknown) {
  const [id, type] = (ownedBy ?? '').split(':');
  const text = (typeof query === 'string' ? query : '').replace(/\*/g, '').trim().toLowerCase();
  return [...state.cards.values()]
    .filter((card) => text === '' || card.title.toLowerCase().includes(text))
    .filter(
      (card) =>
        ownedBy === undefined ||
        searchOwners(state, card).some((o) => String(o.id) === id && (type === undefined || o.type === type)),
    )
    .sort((a, b) => a.id - b.id)
    .map((card) => ({
      databaseId: String(card.id),
      entityType: 'CARD',
      title: card.title,
      ownedById: String(searchOwners(state, card)[0]?.id ?? ''),
      owners: searchOwners(state, card).map((o) => ownerView(state, o)),
      lastModified: card.lastModified,
    }));
}
