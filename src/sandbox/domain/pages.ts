import { badRequest, notFound, show } from '../errors.js';
import type { SandboxPage, SandboxPrincipal } from '../model.js';
import type { SandboxState } from '../state.js';

export function findPage(state: SandboxState, id: number): SandboxPage {
  const page = state.pages.get(id);
  if (!page) throw notFound(`page ${id} not found`);
  return page;
}

function principals(state: SandboxState, value: unknown): SandboxPrincipal[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest('owners must be a non-empty array');
  return value.map((entry: unknown) => {
    const { id, type } = (typeof entry === 'object' && entry !== null ? entry : {}) as { id?: unknown; type?: unknown };
    const known =
      type === 'USER' ? state.users.get(Number(id)) : type === 'GROUP' ? state.groups.get(Number(id)) : undefined;
    if (!known || !/^\d+$/.test(String(id)) || (type === 'USER' && state.users.get(Number(id))!.deleted))
      throw badRequest(`invalid owner ${show(entry)}`);
    return { type: type as 'USER' | 'GROUP', id: Number(id) };
  });
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
  const owners = principals(state, input.owners);
  const same = (a: SandboxPrincipal, b: SandboxPrincipal) => a.type === b.type && a.id === b.id;
  const next = pages.map((page) =>
    action === 'add'
      ? [...page.owners, ...owners.filter((o) => !page.owners.some((p) => same(p, o)))]
      : page.owners.filter((p) => !owners.some((o) => same(p, o))),
  );
  next.forEach((list, i) => {
    if (list.length === 0) throw badRequest(`page ${pages[i]!.id} must keep an owner`);
  });
  pages.forEach((page, i) => (page.owners = next[i]!));
  return pages.length;
}
