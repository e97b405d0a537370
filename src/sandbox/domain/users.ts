import { logActivity } from './activity.js';
import { badRequest, forbidden, notFound, show } from '../errors.js';
import type { SandboxUser } from '../model.js';
import type { SandboxState } from '../state.js';
import { objectBody } from './roles.js';

/** One filter of the identity user search. */
interface UserFilter {
  field?: string;
  filterType?: string;
  values?: unknown[];
  text?: string;
  operator?: string;
}

const MAX_SEARCH_IDS = 1000;

/**
 * The identity user search: filters by ids (`value`, at most 1 000 per request, as Domo caps them) and by words of
 * the email or name (`text`; every word must appear in one of them). Deleted users only with `includeDeleted`.
 * Sorted by `sort.field` (display name by default).
 */
export function searchUsers(state: SandboxState, body: unknown): SandboxUser[] {
  const input = objectBody(body) as {
    filters?: unknown;
    includeDeleted?: unknown;
    sort?: { field?: unknown; order?: unknown };
  };
  const filters = (Array.isArray(input.filters) ? input.filters : []) as UserFilter[];
  for (const filter of filters) {
    if (filter.filterType === 'value' && (filter.values?.length ?? 0) > MAX_SEARCH_IDS) {
      throw badRequest(`at most ${MAX_SEARCH_IDS} values per filter, got ${filter.values?.length}`);
    }
  }
  const users = [...state.users.values()].filter(
    (user) => (input.includeDeleted === true || !user.deleted) && filters.every((filter) => matches(user, filter)),
  );
  const field = typeof input.sort?.field === 'string' ? input.sort.field : 'displayName';
  const direction = typeof input.sort?.order === 'string' && input.sort.order.toUpperCase() === 'DESC' ? -1 : 1;
  return users.sort(
    (a, b) => direction * (String(sortKey(a, field)).localeCompare(String(sortKey(b, field))) || a.id - b.id),
  );
}

function matches(user: SandboxUser, filter: UserFilter): boolean {
  if (filter.filterType === 'value' && filter.field === 'id')
    return (filter.values ?? []).map(Number).includes(user.id);
  if (filter.filterType === 'value' && filter.field === 'roleId')
    return (filter.values ?? []).map(Number).includes(user.roleId);
  if (filter.filterType === 'text') {
    const words = String(filter.text ?? '')
      .toLowerCase()
      .split(/\s+/)
      .filter(Boolean);
    const haystack =
      filter.field === 'emailAddress'
        ? [user.emailAddress.toLowerCase()]
        : [user.emailAddress.toLowerCase(), user.displayName.toLowerCase()];
    // Domo's text search matches any of the words (domolibrary sends many emails in one filter).
    return words.length === 0 || words.some((word) => haystack.some((text) => text.includes(word)));
  }
  return true;
}

function sortKey(user: SandboxUser, field: string): unknown {
  return (user as unknown as Record<string, unknown>)[field] ?? '';
}

/** `POST /api/content/v3/users`: `{ displayName, detail: { email }, roleId }`; 400 "Bad Request" when the email is taken. */
export function createUser(state: SandboxState, body: unknown, callerId: number): SandboxUser {
  state.requireAuthority(callerId, 'user.invite');
  const input = objectBody(body) as {
    displayName?: unknown;
    detail?: { email?: unknown };
    email?: unknown;
    roleId?: unknown;
  };
  const email = input.detail?.email ?? input.email;
  if (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    throw badRequest(`detail.email ${show(email)} is not an email address`);
  if (typeof input.displayName !== 'string' || input.displayName.trim() === '')
    throw badRequest('displayName is required');
  const roleId = input.roleId === undefined ? state.defaultRoleId : Number(input.roleId);
  if (!state.roles.has(roleId)) throw badRequest(`roleId ${show(input.roleId)} is not a role`);
  if (findByEmail(state, email)) throw badRequest('Bad Request'); // what Domo answers for an email that exists
  let id = state.random.int(100_000_000, 2_000_000_000);
  while (state.users.has(id)) id = state.random.int(100_000_000, 2_000_000_000);
  const user: SandboxUser = {
    id,
    displayName: input.displayName.trim(),
    emailAddress: email,
    userName: email,
    roleId,
    password: `pw-${state.random.hex(12)}`,
    locked: false,
    created: state.now(),
  };
  state.users.set(id, user);
  logActivity(state, callerId, {
    actionType: 'CREATED',
    objectType: 'USER',
    objectId: id,
    objectName: user.displayName,
  });
  return user;
}

/** The user whose email is exactly `email` (case-insensitive), deleted users excluded. */
export function findByEmail(state: SandboxState, email: string): SandboxUser | undefined {
  const wanted = email.trim().toLowerCase();
  return [...state.users.values()].find((user) => !user.deleted && user.emailAddress.toLowerCase() === wanted);
}

/** The attributes `PATCH /api/identity/v1/users/{id}` changes, and the user field each one sets. */
const ATTRIBUTES: Record<string, keyof SandboxUser> = {
  displayName: 'displayName',
  emailAddress: 'emailAddress',
  title: 'jobTitle',
  department: 'department',
  phoneNumber: 'phoneNumber',
  roleId: 'roleId',
  employeeId: 'employeeId',
  hireDate: 'hireDate',
};

/** `PATCH /api/identity/v1/users/{id}` with `{ attributes: [{ key, values: [v] }] }` (or a bare `{ roleId }`). */
export function updateUser(state: SandboxState, targetId: number, body: unknown, callerId: number): SandboxUser {
  state.requireAuthority(callerId, 'user.edit');
  const target = liveUser(state, targetId);
  const input = objectBody(body) as { roleId?: unknown; attributes?: unknown };
  const pairs: [string, unknown][] = Array.isArray(input.attributes)
    ? (input.attributes as { key?: unknown; values?: unknown[] }[]).map((a) => [
        String(a?.key),
        Array.isArray(a?.values) ? a.values[0] : undefined,
      ])
    : input.roleId === undefined
      ? []
      : [['roleId', input.roleId]];
  if (pairs.length === 0) throw badRequest('attributes must be a non-empty list of { key, values }');
  const changes: Partial<Record<keyof SandboxUser, unknown>> = {};
  for (const [key, value] of pairs) {
    const field = ATTRIBUTES[key];
    if (!field) throw badRequest(`unknown attribute ${show(key)}`);
    changes[field] = checkedValue(state, key, value, targetId);
  }
  Object.assign(target, changes);
  if (changes.emailAddress !== undefined) target.userName = target.emailAddress;
  logActivity(state, callerId, {
    actionType: 'UPDATED',
    objectType: 'USER',
    objectId: targetId,
    objectName: target.displayName,
    additionalComment: `changed: ${pairs.map(([key]) => key).join(', ')}`,
  });
  return target;
}

function checkedValue(state: SandboxState, key: string, value: unknown, targetId: number): unknown {
  if (key === 'roleId') {
    const roleId = Number(value);
    if (!state.roles.has(roleId)) throw badRequest(`roleId ${show(value)} is not a role`);
    return roleId;
  }
  if (key === 'hireDate') {
    if (typeof value !== 'number') throw badRequest('hireDate must be a ms epoch');
    return value;
  }
  if (key === 'emailAddress') {
    if (typeof value !== 'string' || !value.includes('@'))
      throw badRequest(`emailAddress ${show(value)} is not an email address`);
    const other = findByEmail(state, value);
    if (other && other.id !== targetId) throw badRequest('Bad Request');
    return value;
  }
  if (value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  if (key === 'displayName' && value.trim() === '') throw badRequest('displayName must not be empty');
  return value;
}

/**
 * `DELETE /api/identity/v1/users/{id}`: the user stays, marked deleted, with an email like `…_deleted_<epoch>`, and
 * leaves every group. A user may not delete themself.
 */
export function deleteUser(state: SandboxState, targetId: number, callerId: number): void {
  state.requireAuthority(callerId, 'user.delete');
  const target = liveUser(state, targetId);
  if (target.id === callerId) throw forbidden('you cannot delete yourself');
  target.deleted = true;
  target.emailAddress = `${target.emailAddress}_deleted_${state.now()}`;
  target.userName = target.emailAddress;
  logActivity(state, callerId, {
    actionType: 'DELETED',
    objectType: 'USER',
    objectId: targetId,
    objectName: target.displayName,
  });
  for (const token of [...state.tokens.keys()]) if (state.tokens.get(token) === target.id) state.tokens.delete(token);
  for (const group of state.groups.values()) {
    group.userIds = group.userIds.filter((id) => id !== target.id);
    group.owners = group.owners.filter((o) => !(o.type === 'USER' && o.id === target.id));
  }
}

function liveUser(state: SandboxState, id: number): SandboxUser {
  const user = state.users.get(id);
  if (!user || user.deleted) throw notFound(`user ${id} not found`);
  return user;
}
