import { badRequest, notFound, show } from '../errors.js';
import type { SandboxAppDbCollection, SandboxDatastore } from '../model.js';
import type { SandboxState } from '../state.js';
import { liveOwner, setOwner } from './owned.js';

export function findCollection(state: SandboxState, id: string): SandboxAppDbCollection {
  const collection = state.appDbCollections.get(id.toLowerCase());
  if (!collection) throw notFound(`collection ${id} not found`);
  return collection;
}

export function findDatastore(state: SandboxState, id: string): SandboxDatastore {
  const datastore = state.datastores.get(id.toLowerCase());
  if (!datastore) throw notFound(`datastore ${id} not found`);
  return datastore;
}

/** `POST …/collections/query`: the `ownedby` filter honoured, pages numbered from 1, by name then id. */
export function queryCollections(state: SandboxState, body: Record<string, unknown>): SandboxAppDbCollection[] {
  const filters = (Array.isArray(body.collectionFilteringList) ? body.collectionFilteringList : []) as {
    filterType?: unknown;
    typedValue?: unknown;
  }[];
  const owner = filters.find((f) => f.filterType === 'ownedby')?.typedValue;
  return [...state.appDbCollections.values()]
    .filter((c) => owner === undefined || c.ownerId === Number(owner))
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * `PUT /api/datastores/v1/collections/{id}` `{ id, owner }`: a live user becomes the owner — unless the sandbox
 * reproduces ignored owner writes (`traps.collectionOwnerWritesIgnored`): then 200 and nothing changes.
 */
export function updateCollection(state: SandboxState, id: string, body: unknown, callerId: number): void {
  state.requireAuthority(callerId, 'datastore.admin');
  const collection = findCollection(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { id?: unknown; owner?: unknown };
  if (input.id !== undefined && (typeof input.id !== 'string' || input.id.toLowerCase() !== collection.id))
    throw badRequest(`id ${show(input.id)} does not match the path`);
  if (input.owner === undefined) return;
  const user = liveOwner(state, input.owner, 'owner');
  if (state.traps.collectionOwnerWritesIgnored) return;
  setOwner(state, collection, user.id);
}
