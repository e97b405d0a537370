import { forbidden, notFound } from '../errors.js';
import type { SandboxApiClient } from '../model.js';
import type { SandboxState } from '../state.js';

/** Either grant lets a caller see and revoke every API client ("Manage all access tokens and API clients", D-TOK). */
function requireClientAdmin(state: SandboxState, callerId: number): void {
  if (
    !state.hasAuthority(callerId, 'admin.authentication.manage') &&
    !state.hasAuthority(callerId, 'admin.settings.manage')
  )
    throw forbidden('missing the admin.authentication.manage grant');
}

/** Every API client, by id (those of deleted owners too). */
export function listApiClients(state: SandboxState, callerId: number): SandboxApiClient[] {
  requireClientAdmin(state, callerId);
  return [...state.apiClients.values()].sort((a, b) => a.id - b.id);
}

/** `DELETE /api/identity/v1/developer-tokens/{id}`: gone at once; 404 when there is none. */
export function revokeApiClient(state: SandboxState, id: string, callerId: number): void {
  requireClientAdmin(state, callerId);
  const client = /^\d+$/.test(id) ? state.apiClients.get(Number(id)) : undefined;
  if (!client) throw notFound(`API client ${id} not found`);
  state.apiClients.delete(client.id);
}
