import { badRequest, notFound, show } from '../errors.js';
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

/** An object of a single-owner family by id (UUIDs in any case), else a 404 naming it. */
export function findOwned<T extends SandboxOwned>(things: Map<T['id'], T>, id: number | string, label: string): T {
  const thing = things.get(typeof id === 'string' ? id.toLowerCase() : id);
  if (!thing) throw notFound(`${label} ${id} not found`);
  return thing;
}

/** An owner write: the caller holds `authority`, the new owner is a live user; then the owner changes. */
export function writeOwner(
  state: SandboxState,
  thing: SandboxOwned,
  owner: unknown,
  field: string,
  authority: string,
  callerId: number,
): void {
  state.requireAuthority(callerId, authority);
  const user = liveOwner(state, owner, field);
  if (user.id !== thing.ownerId) setOwner(state, thing, user.id);
}

/** The rows of one page: `offset` and `limit` from a query string or a body, `limit` capped at `max`. */
export function pageOfRows<T>(rows: readonly T[], offset: unknown, limit: unknown, max: number): T[] {
  const size = Math.min(max, Math.max(1, Number(limit ?? max) || max));
  const start = Math.max(0, Number(offset ?? 0) || 0);
  return rows.slice(start, start + size);
}
