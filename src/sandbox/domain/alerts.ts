import type { SandboxAlert } from '../model.js';
import type { SandboxState } from '../state.js';
import { findOwned, writeOwner } from './owned.js';

export const findAlert = (state: SandboxState, id: number): SandboxAlert => findOwned(state.alerts, id, 'alert');

/** The alerts the list answers: `ownerId` honoured, by id. */
export function listAlerts(state: SandboxState, ownerId: string | null): SandboxAlert[] {
  return [...state.alerts.values()]
    .filter((a) => ownerId === null || String(a.ownerId) === ownerId)
    .sort((a, b) => a.id - b.id);
}

/** `PATCH /api/social/v4/alerts/{id}` `{ id, owner }`: a live user becomes the owner (`alert.admin`). */
export function patchAlert(state: SandboxState, id: number, body: unknown, callerId: number): SandboxAlert {
  const alert = findAlert(state, id);
  const input = (typeof body === 'object' && body !== null ? body : {}) as { owner?: unknown };
  if (input.owner !== undefined) writeOwner(state, alert, input.owner, 'owner', 'alert.admin', callerId);
  return alert;
}
