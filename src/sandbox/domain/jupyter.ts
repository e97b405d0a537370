import type { SandboxUuidOwned } from '../model.js';
import type { SandboxState } from '../state.js';
import { byNameQuery, findOwned, writeOwner } from './owned.js';

export const findWorkspace = (state: SandboxState, id: string): SandboxUuidOwned =>
  findOwned(state.jupyterWorkspaces, id, 'workspace');

/** The workspace search: the `OWNER` filter honoured, by name. */
export function searchWorkspaces(state: SandboxState, body: Record<string, unknown>): SandboxUuidOwned[] {
  const filters = (Array.isArray(body.filters) ? body.filters : []) as { type?: unknown; values?: unknown }[];
  const owners = filters.find((f) => f.type === 'OWNER')?.values;
  const wanted = Array.isArray(owners) ? owners.map(Number) : undefined;
  return byNameQuery(state.jupyterWorkspaces.values(), '*').filter((w) => !wanted || wanted.includes(w.ownerId));
}

/** `PUT …/workspaces/{id}/ownership` `{ newOwnerId }` (`jupyter.workspace.admin`). */
export function changeWorkspaceOwner(state: SandboxState, id: string, body: unknown, callerId: number): void {
  const workspace = findWorkspace(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { newOwnerId?: unknown };
  writeOwner(state, workspace, input.newOwnerId, 'newOwnerId', 'jupyter.workspace.admin', callerId);
}
