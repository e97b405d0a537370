import { badRequest, show } from '../errors.js';
import type { SandboxPrincipal } from '../model.js';
import type { SandboxState } from '../state.js';

/**
 * Owners of content from a request body: `[{ id, type }]`, each a known group or a user — live to be added; a
 * deleted one may be removed (the orphaned content of a leaver) — else a 400.
 */
export function ownerPrincipals(
  state: SandboxState,
  value: unknown,
  field: string,
  action: 'add' | 'remove' = 'add',
): SandboxPrincipal[] {
  if (!Array.isArray(value) || value.length === 0) throw badRequest(`${field} must be a non-empty array`);
  return value.map((entry: unknown) => {
    const { id, type } = (typeof entry === 'object' && entry !== null ? entry : {}) as { id?: unknown; type?: unknown };
    const user = type === 'USER' ? state.users.get(Number(id)) : undefined;
    const known =
      type === 'GROUP'
        ? state.groups.get(Number(id))
        : user && (!user.deleted || action === 'remove')
          ? user
          : undefined;
    if (!known || !/^\d+$/.test(String(id))) throw badRequest(`invalid owner ${show(entry)}`);
    return { type: type as 'USER' | 'GROUP', id: Number(id) };
  });
}

/** The owner lists after adding or removing `owners`; a list left empty is a 400 naming the object. */
export function nextOwners(
  current: readonly SandboxPrincipal[][],
  owners: readonly SandboxPrincipal[],
  action: 'add' | 'remove',
  label: (index: number) => string,
): SandboxPrincipal[][] {
  const same = (a: SandboxPrincipal, b: SandboxPrincipal) => a.type === b.type && a.id === b.id;
  return current.map((list, index) => {
    const next =
      action === 'add'
        ? [...list, ...owners.filter((o) => !list.some((c) => same(c, o)))]
        : list.filter((c) => !owners.some((o) => same(c, o)));
    if (next.length === 0) throw badRequest(`${label(index)} must keep an owner`);
    return next;
  });
}
