import { badRequest, notFound, show } from '../errors.js';
import { SEARCH_INDEX_LAG, type SandboxDataset } from '../model.js';
import type { SandboxState } from '../state.js';

/** Datasets a bulk reassign takes at once (DS moves them in batches of 50). */
export const REASSIGN_BATCH = 50;

export function findDataset(state: SandboxState, id: string): SandboxDataset {
  const dataset = state.datasets.get(id);
  if (!dataset) throw notFound(`DataSource ${id} not found`);
  return dataset;
}

/** `POST /api/data/ui/v3/datasources/ownedBy` `[{ id, type: "USER" }]`: per principal, the ids of what it owns. */
export function datasetsOwnedBy(
  state: SandboxState,
  body: unknown,
): { id: string; type: string; dataSourceIds: string[] }[] {
  if (!Array.isArray(body)) throw badRequest('expected an array of { id, type }');
  return body.map((entry: unknown) => {
    const { id, type } = (typeof entry === 'object' && entry !== null ? entry : {}) as { id?: unknown; type?: unknown };
    if (type !== 'USER' || !/^\d+$/.test(String(id))) throw badRequest(`not a user principal: ${show(entry)}`);
    const ids = [...state.datasets.values()].filter((d) => d.ownerId === Number(id)).map((d) => d.id);
    return { id: String(id), type: 'USER', dataSourceIds: ids };
  });
}

/**
 * `POST /api/data/v1/ui/bulk/reassign` `{ type: "DATA_SOURCE", ids, userId }`: makes `userId` the owner of every
 * dataset, all or nothing. More than {@link REASSIGN_BATCH} ids, an unknown dataset or a user who is not active is a
 * 400 and nothing changes.
 */
export function reassignDatasets(state: SandboxState, body: unknown, callerId: number): number {
  state.requireAuthority(callerId, 'dataset.manage');
  const input = (typeof body === 'object' && body !== null ? body : {}) as {
    type?: unknown;
    ids?: unknown;
    userId?: unknown;
  };
  if (input.type !== 'DATA_SOURCE') throw badRequest(`type must be DATA_SOURCE, got ${show(input.type)}`);
  if (!Array.isArray(input.ids) || input.ids.length === 0) throw badRequest('ids must be a non-empty array');
  if (input.ids.length > REASSIGN_BATCH) throw badRequest(`at most ${REASSIGN_BATCH} ids per request`);
  const user = state.users.get(Number(input.userId));
  if (!user || user.deleted || !/^\d+$/.test(String(input.userId)))
    throw badRequest(`invalid user ${show(input.userId)}`);
  const datasets = input.ids.map((id) => findDataset(state, String(id)));
  for (const dataset of datasets) {
    dataset.indexedOwnerId = searchOwner(state, dataset);
    dataset.ownerChangedAt = state.counters.total;
    dataset.ownerId = user.id;
    dataset.shares = dataset.shares.filter((s) => !(s.type === 'USER' && s.id === user.id));
  }
  return datasets.length;
}

/** The owner the search index shows now: the previous one until {@link SEARCH_INDEX_LAG} requests have passed. */
export function searchOwner(state: SandboxState, dataset: SandboxDataset): number {
  return state.counters.total - dataset.ownerChangedAt >= SEARCH_INDEX_LAG ? dataset.ownerId : dataset.indexedOwnerId;
}

/** The datacenter search for datasets: `query` (`*` for all; else name contains it, case-insensitive), by name. */
export function searchDatasetRows(state: SandboxState, query: unknown): SandboxDataset[] {
  const text = (typeof query === 'string' ? query : '*').replace(/\*/g, '').trim().toLowerCase();
  return [...state.datasets.values()]
    .filter((d) => text === '' || d.name.toLowerCase().includes(text))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * `POST /api/data/v3/datasources/{id}/share` `{ permissions: [{ type, id, accessLevel }], sendEmail }`: each
 * principal (a live user or a group) gets the level; the owner keeps `OWNER`. All or nothing.
 */
export function shareDataset(state: SandboxState, id: string, body: unknown, callerId: number): void {
  state.requireAuthority(callerId, 'dataset.manage');
  const dataset = findDataset(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { permissions?: unknown };
  if (!Array.isArray(input.permissions) || input.permissions.length === 0)
    throw badRequest('permissions must be a non-empty array');
  const levels = ['CO_OWNER', 'CAN_SHARE', 'CAN_EDIT', 'CAN_VIEW'];
  const shares = input.permissions.map((entry: unknown): SandboxDataset['shares'][number] => {
    const p = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const type: 'USER' | 'GROUP' | undefined = p.type === 'GROUP' ? 'GROUP' : p.type === 'USER' ? 'USER' : undefined;
    const principalId = Number(p.id);
    const user = type === 'USER' ? state.users.get(principalId) : undefined;
    const known = type === 'GROUP' ? state.groups.has(principalId) : user !== undefined && !user.deleted;
    if (!type || !known || !levels.includes(String(p.accessLevel)))
      throw badRequest(`invalid permission ${show(entry)}`);
    return { type, id: principalId, accessLevel: p.accessLevel as SandboxDataset['shares'][number]['accessLevel'] };
  });
  for (const share of shares) {
    if (share.type === 'USER' && share.id === dataset.ownerId) continue;
    dataset.shares = [...dataset.shares.filter((s) => !(s.type === share.type && s.id === share.id)), share];
  }
}
