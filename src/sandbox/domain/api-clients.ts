import { notFound } from '../errors.js';
import { requireTokenAdmin } from './access-tokens.js';
import type { SandboxApiClient } from '../model.js';
import type { SandboxState } from '../state.js';

/** Every API client, by id (those of deleted owners too). */
export function listApiClients(state: SandboxState, callerId: number): SandboxApiClient[] {
  requireTokenAdmin(state, callerId);
  return [...state.apiClients.values()].sort((a, b) => a.id - b.id);
}

/** `DELETE /api/identity/v1/developer-tokens/{id}`: gone at once; 404 when there is none. */
export function revokeApiClient(state: SandboxState, id: string, callerId: number): void {
  requireTokenAdmin(state, callerId);
  const client = /^\d+$/.test(id) ? state.apiClients.get(Number(id)) : undefined;
  if (!client) throw notFound(`API client ${id} not found`);
  state.apiClients.delete(client.id);
}
