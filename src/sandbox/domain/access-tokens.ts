import { logActivity } from './activity.js';
import { badRequest, forbidden, notFound } from '../errors.js';
import type { SandboxAccessToken } from '../model.js';
import type { SandboxState } from '../state.js';
import { liveOwner } from './owned.js';

/**
 * Either grant lets a caller see and manage every access token and API client (D-TOK: "Manage all access tokens and
 * API clients", "Manage all company settings").
 */
export function requireTokenAdmin(state: SandboxState, callerId: number): void {
  if (
    !state.hasAuthority(callerId, 'admin.authentication.manage') &&
    !state.hasAuthority(callerId, 'admin.settings.manage')
  )
    throw forbidden('missing the admin.authentication.manage grant');
}

/** Every token, by id: revoked ones are gone; expired ones and those of deleted owners stay listed. */
export function listAccessTokens(state: SandboxState, callerId: number): SandboxAccessToken[] {
  requireTokenAdmin(state, callerId);
  return [...state.accessTokens.values()].sort((a, b) => a.id - b.id);
}

/**
 * `POST /api/data/v1/accesstokens` `{ name, ownerId, expires }`: a token for a live user (400 for any other owner, as
 * DL reads it), expiring in the future. The value is answered once, here.
 */
export function createAccessToken(state: SandboxState, body: unknown, callerId: number): SandboxAccessToken {
  requireTokenAdmin(state, callerId);
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof input.name !== 'string' || input.name.trim() === '') throw badRequest('name is required');
  const owner = liveOwner(state, input.ownerId, 'ownerId');
  if (typeof input.expires !== 'number' || !Number.isFinite(input.expires) || input.expires <= Date.now())
    throw badRequest('expires must be a future time');
  const value = state.issueToken(owner.id, { name: input.name, expires: input.expires });
  const record = state.accessTokenOf(value)!;
  logActivity(state, callerId, {
    actionType: 'CREATED',
    objectType: 'ACCESS_TOKEN',
    objectId: record.id,
    objectName: record.name,
  });
  return record;
}

/** `DELETE /api/data/v1/accesstokens/{id}`: gone at once, and its value stops working; 404 when there is none. */
export function revokeAccessToken(state: SandboxState, id: string, callerId: number): void {
  requireTokenAdmin(state, callerId);
  const token = /^\d+$/.test(id) ? state.accessTokens.get(Number(id)) : undefined;
  if (!token) throw notFound(`access token ${id} not found`);
  state.revokeAccessToken(token.id);
  logActivity(state, callerId, {
    actionType: 'DELETED',
    objectType: 'ACCESS_TOKEN',
    objectId: token.id,
    objectName: token.name,
  });
}
