import { badRequest, show } from '../errors.js';
import { SEARCH_INDEX_LAG, type SandboxOwned, type SandboxUser } from '../model.js';
import type { SandboxState } from '../state.js';

/** A new owner from a request body: a live user's id (a number or a string of digits), else a 400. */
export function liveOwner(state: SandboxState, value: unknown, field: string): SandboxUser {
  const user = /^\d+$/.test(String(value)) ? state.users.get(Number(value)) : undefined;
  if (!user || user.deleted) throw badRequest(`invalid ${field} ${show(value)}`);
  return user;
}

/** The owner the search index shows now: the previous one until {@link SEARCH_INDEX_LAG} requests have passed. */
export function indexedOwner(state: SandboxState, thing: SandboxOwned): number {
  return state.counters.total - thing.ownerChangedAt >= SEARCH_INDEX_LAG ? thing.ownerId : thing.indexedOwnerId;
}

/** Gives `thing` a new owner; the search index shows the old one a while longer. */
export function setOwner(state: SandboxState, thing: SandboxOwned, userId: number): void {
  thing.indexedOwnerId = indexedOwner(state, thing);
  thing.ownerChangedAt = state.counters.total;
  thing.ownerId = userId;
  thing.lastModified = state.now();
}

/** Objects whose name contains `query` (`*` and empty for all; case-insensitive), sorted by name then id. */
export function byNameQuery<T extends SandboxOwned>(things: Iterable<T>, query: unknown): T[] {
  const text = (typeof query === 'string' ? query : '*').replace(/\*/g, '').trim().toLowerCase();
  return [...things]
    .filter((t) => text === '' || t.name.toLowerCase().includes(text))
    .sort((a, b) => a.name.localeCompare(b.name) || String(a.id).localeCompare(String(b.id)));
}
