import type { HttpHandler } from 'msw';
import { badRequest } from '../errors.js';
import { datasetsOwnedBy, findDataset, reassignDatasets, shareDataset } from '../domain/datasets.js';
import { findAccount } from '../domain/accounts.js';
import type { SandboxDataset } from '../model.js';
import type { SandboxState } from '../state.js';
import { endpoint, json, type SandboxScope } from './kit.js';

/** A dataset as `GET /api/data/v3/datasources/{id}` shows it: one owner, times in ms. */
function datasetView(state: SandboxState, d: SandboxDataset) {
  const owner = state.users.get(d.ownerId);
  return {
    id: d.id,
    name: d.name,
    description: d.description,
    displayType: d.dataProviderType,
    dataProviderType: d.dataProviderType,
    owner: { id: String(d.ownerId), name: owner?.displayName ?? '', type: 'USER', group: false },
    accountId: d.accountId,
    rowCount: d.rowCount,
    columnCount: d.columnCount,
    created: d.createdAt,
    lastUpdated: d.lastUpdated,
    lastTouched: d.lastUpdated,
  };
}

function principalName(state: SandboxState, type: 'USER' | 'GROUP', id: number): string {
  return (type === 'USER' ? state.users.get(id)?.displayName : state.groups.get(id)?.name) ?? '';
}

/** Datasets: read, owned-by discovery, bulk reassign, permissions, and the datasets an account loads. */
export function datasetHandlers(scope: SandboxScope): HttpHandler[] {
  const { state } = scope;
  return [
    endpoint(scope, 'GET', '/api/data/v3/datasources/:id', (ctx) =>
      json(datasetView(state, findDataset(state, ctx.params.id as string))),
    ),
    endpoint(scope, 'POST', '/api/data/v3/datasources/bulk', async (ctx) => {
      const ids = await ctx.json();
      if (!Array.isArray(ids)) throw badRequest('expected an array of dataset ids');
      return json(
        ids.flatMap((id) => {
          const dataset = state.datasets.get(String(id));
          return dataset ? [datasetView(state, dataset)] : [];
        }),
      );
    }),
    endpoint(scope, 'POST', '/api/data/ui/v3/datasources/ownedBy', async (ctx) =>
      json(datasetsOwnedBy(state, await ctx.json())),
    ),
    endpoint(scope, 'POST', '/api/data/v1/ui/bulk/reassign', async (ctx) => {
      const count = reassignDatasets(state, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ successCount: count });
    }),
    endpoint(scope, 'POST', '/api/data/v3/datasources/:id/share', async (ctx) => {
      shareDataset(state, ctx.params.id as string, await ctx.json(), ctx.userId);
      ctx.applied();
      return json({ ok: true });
    }),
    endpoint(scope, 'GET', '/api/data/v3/datasources/:id/permissions', (ctx) => {
      const d = findDataset(state, ctx.params.id as string);
      const list = [
        { type: 'USER', id: String(d.ownerId), name: principalName(state, 'USER', d.ownerId), accessLevel: 'OWNER' },
        ...d.shares.map((s) => ({ ...s, id: String(s.id), name: principalName(state, s.type, s.id) })),
      ];
      return json({
        list,
        totalUserCount: list.filter((e) => e.type === 'USER').length,
        totalGroupCount: list.filter((e) => e.type === 'GROUP').length,
      });
    }),
    endpoint(scope, 'GET', '/api/data/v2/datasources/account/:id', (ctx) => {
      const account = findAccount(state, 'account', ctx.id(), ctx.userId);
      const used = [...state.datasets.values()].filter((d) => d.accountId === account.id);
      return json(
        used.map((d) => ({
          dataSourceId: d.id,
          dataSourceName: d.name,
          dataSourceType: d.dataProviderType,
          dataProviderType: d.dataProviderType,
          responsibleUserId: String(d.ownerId),
          lastUpdated: d.lastUpdated,
          created: d.createdAt,
        })),
      );
    }),
  ];
}
