import type { SandboxUuidOwned } from '../model.js';
import type { SandboxState } from '../state.js';
import { byNameQuery, findOwned, writeOwner } from './owned.js';

export const findFileset = (state: SandboxState, id: string): SandboxUuidOwned =>
  findOwned(state.filesets, id, 'fileset');

/** The fileset search: the `owner` filter honoured (`not` too), by name. */
export function searchFilesets(state: SandboxState, body: Record<string, unknown>): SandboxUuidOwned[] {
  const filters = (Array.isArray(body.filters) ? body.filters : []) as {
    field?: unknown;
    value?: unknown;
    not?: unknown;
  }[];
  const owner = filters.find((f) => f.field === 'owner');
  const wanted = Array.isArray(owner?.value) ? owner.value.map(Number) : undefined;
  return byNameQuery(state.filesets.values(), '*').filter(
    (f) => !wanted || wanted.includes(f.ownerId) !== Boolean(owner?.not),
  );
}

/** `POST …/filesets/{id}/ownership` `{ userId }` (`dataset.manage`, **inference**: no source names the grant). */
export function changeFilesetOwner(state: SandboxState, id: string, body: unknown, callerId: number): void {
  const fileset = findFileset(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { userId?: unknown };
  writeOwner(state, fileset, input.userId, 'userId', 'dataset.manage', callerId);
}
