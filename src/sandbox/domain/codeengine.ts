import type { SandboxCodePackage } from '../model.js';
import type { SandboxState } from '../state.js';
import { byNameQuery, findOwned, indexedOwner, writeOwner } from './owned.js';

export const findPackage = (state: SandboxState, id: string): SandboxCodePackage =>
  findOwned(state.codePackages, id, 'package');

/** Packages as the datacenter search lists them (`entityList: [["package"]]`): owners from the lagging index. */
export function searchPackageRows(state: SandboxState, owner: string | undefined, query: unknown) {
  return byNameQuery(state.codePackages.values(), query)
    .filter((p) => owner === undefined || `${indexedOwner(state, p)}:USER` === owner)
    .map((p) => ({ uuid: p.id, name: p.name, entityType: 'PACKAGE', ownedById: String(indexedOwner(state, p)) }));
}

/** `PUT /api/codeengine/v2/packages/{id}` `{ owner }` (`codeengine.package.manage`). */
export function updatePackage(state: SandboxState, id: string, body: unknown, callerId: number): SandboxCodePackage {
  const pkg = findPackage(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { owner?: unknown };
  if (input.owner !== undefined) writeOwner(state, pkg, input.owner, 'owner', 'codeengine.package.manage', callerId);
  return pkg;
}
