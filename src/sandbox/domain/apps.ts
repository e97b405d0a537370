import { badRequest, notFound } from '../errors.js';
import type { SandboxApp } from '../model.js';
import type { SandboxState } from '../state.js';
import { nextOwners, ownerPrincipals } from './owners.js';

export function findApp(state: SandboxState, id: number): SandboxApp {
  const app = state.apps.get(id);
  if (!app) throw notFound(`app ${id} not found`);
  return app;
}

/**
 * `PUT /api/content/v1/dataapps/bulk/owners` (add) and `POST …/bulk/owners/remove` with `{ entityIds, owners }`
 * (ids as strings, DS): all or nothing; an app is never left without an owner.
 */
export function changeAppOwners(
  state: SandboxState,
  action: 'add' | 'remove',
  body: unknown,
  callerId: number,
): number {
  state.requireAuthority(callerId, 'app.admin');
  const input = (typeof body === 'object' && body !== null ? body : {}) as { entityIds?: unknown; owners?: unknown };
  if (!Array.isArray(input.entityIds) || input.entityIds.length === 0)
    throw badRequest('entityIds must be a non-empty array');
  const apps = input.entityIds.map((id) => findApp(state, Number(id)));
  const owners = ownerPrincipals(state, input.owners, 'owners', action);
  const next = nextOwners(
    apps.map((app) => app.owners),
    owners,
    action,
    (i) => `app ${apps[i]!.id}`,
  );
  apps.forEach((app, i) => {
    app.owners = next[i]!;
    app.lastModified = state.now();
  });
  return apps.length;
}
