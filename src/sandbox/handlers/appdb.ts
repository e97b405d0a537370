import type { HttpHandler } from 'msw';
import { findCollection, findDatastore, queryCollections, updateCollection } from '../domain/appdb.js';
import { objectBody } from '../domain/roles.js';
import type { SandboxAppDbCollection } from '../model.js';
import { endpoint, json, pageSize, type SandboxScope } from './kit.js';

/** A collection as its read and the query answer: `documentCount` always 0, as Domo answers it (DS trap). */
function collectionView(c: SandboxAppDbCollection) {
  return {
    id: c.id,
    name: c.name,
    owner: c.ownerId,
    datastoreId: c.datastoreId,
    documentCount: 0,
    createdOn: new Date(c.createdAt).toISOString(),
    updatedOn: new Date(c.lastModified).toISOString(),
  };
}

/**
 * AppDB: the collection query, read and update, and the datastore read and update — whose owner writes answer 200
 * and change nothing (DS trap).
 */
export function appDbHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'POST', '/api/datastores/v1/collections/query', async (ctx) => {
      const body = objectBody(await ctx.json());
      const size = pageSize(body.pageSize ?? 100, 100);
      const page = Math.max(1, Number(body.pageNumber ?? 1) || 1);
      const rows = queryCollections(state, body);
      return json({ collections: rows.slice((page - 1) * size, page * size).map(collectionView) });
    }),
    endpoint(scope, 'GET', '/api/datastores/v1/collections/:id', (ctx) =>
      json(collectionView(findCollection(state, ctx.params.id as string))),
    ),
    endpoint(scope, 'PUT', '/api/datastores/v1/collections/:id', async (ctx) => {
      updateCollection(state, ctx.params.id as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json(collectionView(findCollection(state, ctx.params.id as string)));
    }),
    endpoint(scope, 'GET', '/api/datastores/v1/:id', (ctx) => {
      const d = findDatastore(state, ctx.params.id as string);
      return json({ id: d.id, name: d.name, owner: d.ownerId });
    }),
    endpoint(scope, 'PUT', '/api/datastores/v1/:id', async (ctx) => {
      // Domo answers 200 to a datastore owner write and changes nothing (DS trap).
      const d = findDatastore(state, ctx.params.id as string);
      await ctx.json();
      return json({ id: d.id, name: d.name, owner: d.ownerId });
    }),
  ];
}
