import { notFound } from '../errors.js';
import type { SandboxState } from '../state.js';

/** Every open session of the instance (no user filter, never a token), at most `limit` (`user.session.edit`). */
export function listSessions(
  state: SandboxState,
  callerId: number,
  limit: number,
): { id: string; userId: number; created: number }[] {
  state.requireAuthority(callerId, 'user.session.edit');
  return [...state.sessionRecords]
    .slice(0, limit)
    .map(([id, session]) => ({ id, userId: session.userId, created: session.createdAt }));
}

/** `DELETE /api/sessions/v1/admin/{id}`: the session ends and its token stops working; 404 when there is none. */
export function endSession(state: SandboxState, id: string, callerId: number): void {
  state.requireAuthority(callerId, 'user.session.edit');
  const record = state.sessionRecords.get(id);
  if (!record) throw notFound(`session ${id} not found`);
  state.sessionRecords.delete(id);
  state.sessions.delete(record.token);
}
