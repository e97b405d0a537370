import { badRequest, notFound } from '../errors.js';
import { nextOwners, ownerPrincipals } from './owners.js';
import type { SandboxPage } from '../model.js';
import type { SandboxState } from '../state.js';

export function findPage(state: SandboxState, id: number): SandboxPage {
  const page = state.pages.get(id);
  if (!page) throw notFound(`page ${id} not found`);
  return page;
}

/**
 * `PUT /api/content/v1/pages/bulk/owners` (add) and `POST …/bulk/owners/remove` with `{ pageIds, owners }`: all or
 * nothing; a page is never left without an owner.
 */
export function changePageOwners(
  state: SandboxState,
  action: 'add' | 'remove',
  body: unknown,
  callerId: number,
): number {
  state.requireAuthority(callerId, 'page.admin');
  const input = (typeof body === 'object' && body !== null ? body : {}) as { pageIds?: unknown; owners?: unknown };
  if (!Array.isArray(input.pageIds) || input.pageIds.length === 0)
    throw badRequest('pageIds must be a non-empty array');
  const pages = input.pageIds.map((id) => findPage(state, Number(id)));
  const owners = ownerPrincipals(state, input.owners, 'owners', action);
  const next = nextOwners(
    pages.map((page) => page.owners),
    owners,
    action,
    (i) => `page ${pages[i]!.id}`,
  );
  pages.forEach((page, i) => (page.owners = next[i]!));
  return pages.length;
}
