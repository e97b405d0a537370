import { logActivity } from './activity.js';
import { badRequest, conflict, forbidden, notFound, show } from '../errors.js';
import type { SandboxRole } from '../model.js';
import type { SandboxState } from '../state.js';

/** A role, or 404. */
export function findRole(state: SandboxState, id: number): SandboxRole {
  const role = state.roles.get(id);
  if (!role) throw notFound(`role ${id} not found`);
  return role;
}

function requireRoleAdmin(state: SandboxState, userId: number): void {
  state.requireAuthority(userId, 'role.manage');
}

function checkName(state: SandboxState, value: unknown, exceptId?: number): string {
  if (typeof value !== 'string' || value.trim() === '') throw badRequest('name is required');
  const name = value.trim();
  if (name.length > 255) throw badRequest('name is longer than 255 characters');
  const taken = [...state.roles.values()].find(
    (role) => role.id !== exceptId && role.name.toLowerCase() === name.toLowerCase(),
  );
  if (taken) throw conflict(`a role named ${JSON.stringify(taken.name)} already exists (id ${taken.id})`);
  return name;
}

/** Creates a role; `fromRoleId` copies that role's grants. */
export function createRole(state: SandboxState, body: unknown, userId: number): SandboxRole {
  requireRoleAdmin(state, userId);
  const input = objectBody(body) as { name?: unknown; description?: unknown; fromRoleId?: unknown };
  const name = checkName(state, input.name);
  const description = optionalText(input.description, 'description') ?? '';
  let authorities: string[] = [];
  if (input.fromRoleId !== undefined && input.fromRoleId !== null) {
    const from = state.roles.get(Number(input.fromRoleId));
    if (!from) throw badRequest(`fromRoleId ${show(input.fromRoleId)} is not a role`);
    authorities = [...from.authorities];
  }
  const now = state.now();
  const role: SandboxRole = { id: state.nextRoleId++, name, description, authorities, created: now, modified: now };
  state.roles.set(role.id, role);
  logActivity(state, userId, { actionType: 'CREATED', objectType: 'ROLE', objectId: role.id, objectName: role.name });
  return role;
}

/** Updates name and description (`PUT /roles/{id}` with `{ name, description, id }`). */
export function updateRole(state: SandboxState, id: number, body: unknown, userId: number): SandboxRole {
  requireRoleAdmin(state, userId);
  const role = findRole(state, id);
  const input = objectBody(body) as { name?: unknown; description?: unknown; id?: unknown };
  if (input.id !== undefined && Number(input.id) !== id)
    throw badRequest(`body id ${show(input.id)} does not match role ${id}`);
  if (input.name !== undefined) role.name = checkName(state, input.name, id);
  if (input.description !== undefined) role.description = optionalText(input.description, 'description') ?? '';
  role.modified = state.now();
  logActivity(state, userId, { actionType: 'UPDATED', objectType: 'ROLE', objectId: id, objectName: role.name });
  return role;
}

/** Deletes a custom role that is not the default and has no members. */
export function deleteRole(state: SandboxState, id: number, userId: number): void {
  requireRoleAdmin(state, userId);
  findRole(state, id);
  if (id <= 5) throw forbidden(`role ${id} is a system role and cannot be deleted`);
  if (id === state.defaultRoleId) throw badRequest(`role ${id} is the default role; choose another default first`);
  const members = state.userCount(id);
  if (members > 0) throw badRequest(`role ${id} still has ${members} user(s); move them to another role first`);
  const { name } = state.roles.get(id) as SandboxRole;
  state.roles.delete(id);
  logActivity(state, userId, { actionType: 'DELETED', objectType: 'ROLE', objectId: id, objectName: name });
}

/** Replaces a role's grants with a complete list of authority names. */
export function setGrants(state: SandboxState, id: number, body: unknown, userId: number): SandboxRole {
  requireRoleAdmin(state, userId);
  const role = findRole(state, id);
  if (!Array.isArray(body)) throw badRequest('the body must be a JSON array of authority names');
  const names = (body as unknown[]).map((item): unknown =>
    typeof item === 'object' && item !== null && 'authority' in item ? item.authority : item,
  );
  const invalid = names.filter((name) => typeof name !== 'string' || !state.authorities.has(name));
  if (invalid.length > 0) throw badRequest(`unknown authorities: ${invalid.map((n) => JSON.stringify(n)).join(', ')}`);
  role.authorities = [...new Set(names as string[])];
  role.modified = state.now();
  logActivity(state, userId, {
    actionType: 'UPDATED',
    objectType: 'ROLE',
    objectId: id,
    objectName: role.name,
    additionalComment: `grants set (${role.authorities.length})`,
  });
  return role;
}

/** Moves users into a role: a user holds exactly one role, so they leave their old one. */
export function addMembers(state: SandboxState, id: number, body: unknown, userId: number): SandboxRole {
  requireRoleAdmin(state, userId);
  const role = findRole(state, id);
  if (!Array.isArray(body) || body.length === 0)
    throw badRequest('the body must be a non-empty JSON array of user ids');
  const ids = body.map((value) => Number(value));
  const missing = body.filter(
    (value, i) => !(typeof value === 'number' || typeof value === 'string') || !state.users.has(ids[i] as number),
  );
  if (missing.length > 0) throw badRequest(`unknown users: ${missing.map((v) => JSON.stringify(v)).join(', ')}`);
  for (const memberId of ids) state.user(memberId).roleId = role.id;
  role.modified = state.now();
  logActivity(state, userId, {
    actionType: 'UPDATED',
    objectType: 'ROLE',
    objectId: id,
    objectName: role.name,
    additionalComment: `members added: ${ids.join(', ')}`,
  });
  return role;
}

/** Sets the role new users get. */
export function setDefaultRole(state: SandboxState, value: unknown, userId: number): void {
  requireRoleAdmin(state, userId);
  const id = Number(value);
  if (!Number.isSafeInteger(id) || !state.roles.has(id))
    throw badRequest(`default role ${JSON.stringify(value)} is not a role`);
  state.defaultRoleId = id;
}

function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string`);
  return value;
}

export function objectBody(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest('the body must be a JSON object');
  return body as Record<string, unknown>;
}
