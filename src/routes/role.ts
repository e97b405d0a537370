import { z } from 'zod';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoNotFoundError, DomoValidationError } from '../client/errors.js';
import type { DomoResponse, RequestOptions } from '../client/options.js';
import { path } from '../client/path.js';
import { checkId, checkIds, checkName, checkText, describe } from './internal/input.js';
import { badRequestButApplied, goneOnRetryIsDeleted, type VerifiedResponse } from './internal/quirks.js';
import {
  AuthoritySchema, CreatedRoleSchema, CustomerStateSchema, RoleMemberSchema, RoleSchema,
  type Authority, type CreatedRole, type Role, type RoleMember,
} from './role-schemas.js';

const ROLES = '/api/authorization/v1/roles';
const roleNotFound = (id: number) => `role ${id} not found`;

/**
 * Every role of the instance, with grant and user counts.
 *
 * Endpoint: `GET /api/authorization/v1/roles`
 * @example
 * ```ts
 * const { data: roles } = await getRoles(auth);
 * ```
 */
export async function getRoles(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<Role[]>> {
  return auth.transport.request({ route: 'getRoles', method: 'GET', path: ROLES, schema: z.array(RoleSchema) }, options);
}

/**
 * One role.
 *
 * Endpoint: `GET /api/authorization/v1/roles/{id}`
 * @throws {DomoInputError} `id` is not a positive integer (nothing is sent)
 * @throws {DomoNotFoundError} no such role
 * @example
 * ```ts
 * const { data: admin } = await getRoleById(auth, 1);
 * ```
 */
export async function getRoleById(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<Role>> {
  const roleId = checkId(id, 'id', 'getRoleById');
  return auth.transport.request({ route: 'getRoleById', method: 'GET', path: path`/api/authorization/v1/roles/${roleId}`, schema: RoleSchema, notFoundHint: roleNotFound(roleId) }, options);
}

/** What a new role needs. */
export interface CreateRoleInput {
  name: string;
  description?: string;
  /** Copy this role's grants into the new one. */
  fromRoleId?: number;
}

/**
 * Creates a role.
 *
 * Endpoint: `POST /api/authorization/v1/roles` with `{ name, description }` plus `fromRoleId` when given
 * @remarks Never retried: a repeated POST would create a second role. Domo's docs require `fromRoleId`; Domo
 * accepts the body without it (observed), so it is sent only when given.
 * @throws {DomoInputError} empty or over-long name, bad `fromRoleId` (nothing is sent)
 * @throws {DomoConflictError} a role with that name exists
 * @example
 * ```ts
 * const { data } = await createRole(auth, { name: 'Finance Editors', description: 'Edit finance content', fromRoleId: 3 });
 * ```
 */
export async function createRole(auth: DomoAuth, input: CreateRoleInput, options?: RequestOptions): Promise<DomoResponse<CreatedRole>> {
  const route = 'createRole';
  const body: Record<string, unknown> = { name: checkName(input?.name, 'name', route), description: checkText(input.description ?? '', 'description', route) };
  if (input.fromRoleId !== undefined) body.fromRoleId = checkId(input.fromRoleId, 'fromRoleId', route);
  return auth.transport.request({ route, method: 'POST', path: ROLES, json: body, maxRetries: 0, schema: CreatedRoleSchema }, options);
}

/**
 * Deletes a role.
 *
 * Endpoint: `DELETE /api/authorization/v1/roles/{id}`
 * @remarks Documented to answer 204; Domo has been seen to answer `400 Bad Request` after deleting. On that
 * answer the role is read again: success only if it is gone. A 404 on a retry also means deleted.
 * @throws {DomoApiError} 400 and the role still exists (e.g. it has members, or is the default role)
 * @example
 * ```ts
 * await deleteRole(auth, 1719013432);
 * ```
 */
export async function deleteRole(auth: DomoAuth, id: number, options?: RequestOptions): Promise<VerifiedResponse<void>> {
  const roleId = checkId(id, 'id', 'deleteRole');
  return badRequestButApplied(
    () => goneOnRetryIsDeleted(auth.transport.request({ route: 'deleteRole', method: 'DELETE', path: path`/api/authorization/v1/roles/${roleId}`, notFoundHint: roleNotFound(roleId) }, options)),
    async () => ((await roleExists(auth, roleId, options)) ? undefined : { status: 204, data: undefined }),
  );
}

/** New name and description of a role; both are sent. */
export interface RoleMetadata {
  name: string;
  description: string;
}

/**
 * Changes a role's name and description.
 *
 * Endpoint: `PUT /api/authorization/v1/roles/{id}` with `{ name, description, id }`
 * @remarks Undocumented; Domo has been seen to answer `400 Bad Request` while applying the change. On that
 * answer the role is read again: success (with the re-read role) only if it shows both values.
 * @throws {DomoInputError} bad id, name or description (nothing is sent)
 * @throws {DomoApiError} 400 and the role does not show the change
 * @example
 * ```ts
 * const { data: role } = await updateRoleMetadata(auth, 108369421, { name: 'Finance', description: 'last updated 2026-11-22' });
 * ```
 */
export async function updateRoleMetadata(auth: DomoAuth, id: number, metadata: RoleMetadata, options?: RequestOptions): Promise<VerifiedResponse<Role>> {
  const route = 'updateRoleMetadata';
  const roleId = checkId(id, 'id', route);
  const name = checkName(metadata?.name, 'name', route);
  const description = checkText(metadata.description, 'description', route);
  return badRequestButApplied(
    () => auth.transport.request({ route, method: 'PUT', path: path`/api/authorization/v1/roles/${roleId}`, json: { name, description, id: roleId }, schema: RoleSchema.or(z.unknown().transform(() => undefined)), notFoundHint: roleNotFound(roleId) }, options)
      .then(async (response) => (response.data ? { status: response.status, data: response.data } : getRoleById(auth, roleId, options))),
    async () => {
      const reread = await getRoleById(auth, roleId, options);
      return reread.data.name === name && (reread.data.description ?? '') === description ? reread : undefined;
    },
  );
}

/**
 * A role's grants (authority names).
 *
 * Endpoint: `GET /api/authorization/v1/roles/{id}/authorities`
 * @remarks Domo answers `[]` for a role that does not exist; an empty answer is checked with one
 * `GET /roles/{id}`, so a missing role is a `DomoNotFoundError`, never an empty list.
 * @throws {DomoNotFoundError} no such role
 * @example
 * ```ts
 * const { data: grants } = await getRoleGrants(auth, 2);   // ['dataset.manage', …]
 * ```
 */
export async function getRoleGrants(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<string[]>> {
  const roleId = checkId(id, 'id', 'getRoleGrants');
  const response = await auth.transport.request({ route: 'getRoleGrants', method: 'GET', path: path`/api/authorization/v1/roles/${roleId}/authorities`, schema: z.array(z.string()) }, options);
  if (response.data.length === 0) await getRoleById(auth, roleId, options);
  return response;
}

/** Options of {@link setRoleGrants}. */
export interface SetRoleGrantsOptions extends RequestOptions {
  /** `PATCH` (documented, the default) or the `PUT` domolibrary sends, which Domo answers 400 after applying. */
  method?: 'PATCH' | 'PUT';
}

/**
 * Replaces a role's grants with the complete list given (not an addition).
 *
 * Endpoint: `PATCH /api/authorization/v1/roles/{id}/authorities` with a JSON array of authority names
 * @remarks Answers `{ status: 'SUCCESS', message: '' }`. A `400 Bad Request` (what the PUT variant always
 * answers) is verified by reading the grants back: success only if they equal the list sent. The list is
 * de-duplicated, order kept. Not checked against the catalogue here: `role.setGrants()` does that first.
 * @throws {DomoInputError} not an array of non-empty strings (nothing is sent)
 * @throws {DomoApiError} 400 and the grants were not applied (e.g. an unknown authority)
 * @example
 * ```ts
 * await setRoleGrants(auth, 108369421, ['user.edit', 'user.invite']);
 * ```
 */
export async function setRoleGrants(auth: DomoAuth, id: number, grants: readonly string[], options: SetRoleGrantsOptions = {}): Promise<VerifiedResponse<unknown>> {
  const route = 'setRoleGrants';
  const roleId = checkId(id, 'id', route);
  const list = checkGrantList(grants, route);
  return badRequestButApplied(
    () => auth.transport.request({ route, method: options.method ?? 'PATCH', path: path`/api/authorization/v1/roles/${roleId}/authorities`, json: list, idempotent: true, notFoundHint: roleNotFound(roleId) }, options),
    async () => {
      const { status, data } = await getRoleGrants(auth, roleId, options);
      return sameSet(data, list) ? { status, data } : undefined;
    },
  );
}

/**
 * The users holding a role.
 *
 * Endpoint: `GET /api/authorization/v1/roles/{id}/users` → `{ users: [...] }`, unwrapped here
 * @remarks An empty list is checked with one `GET /roles/{id}`: a missing role is a `DomoNotFoundError`.
 * @example
 * ```ts
 * const { data: members } = await getRoleMembership(auth, 1);
 * ```
 */
export async function getRoleMembership(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<RoleMember[]>> {
  const roleId = checkId(id, 'id', 'getRoleMembership');
  const { status, data } = await auth.transport.request({ route: 'getRoleMembership', method: 'GET', path: path`/api/authorization/v1/roles/${roleId}/users`, schema: z.looseObject({ users: z.array(RoleMemberSchema) }) }, options);
  if (data.users.length === 0) await getRoleById(auth, roleId, options);
  return { status, data: data.users };
}

/**
 * Moves users into a role. A user holds exactly one role, so they leave their old one.
 *
 * Endpoint: `PUT /api/authorization/v1/roles/{id}/users` with a JSON array of user ids
 * @remarks Retried like any PUT: moving the same users into the same role twice ends in the same state, so a
 * repeat after a lost answer is harmless.
 * @throws {DomoInputError} not a non-empty array of positive integers (nothing is sent)
 * @throws {DomoApiError} 400 for unknown users
 * @example
 * ```ts
 * await addRoleMembers(auth, 108369421, [123, 456]);
 * ```
 */
export async function addRoleMembers(auth: DomoAuth, id: number, userIds: readonly number[], options?: RequestOptions): Promise<DomoResponse<void>> {
  const roleId = checkId(id, 'id', 'addRoleMembers');
  const ids = checkIds(userIds, 'userIds', 'addRoleMembers');
  const { status } = await auth.transport.request({ route: 'addRoleMembers', method: 'PUT', path: path`/api/authorization/v1/roles/${roleId}/users`, json: ids, notFoundHint: roleNotFound(roleId) }, options);
  return { status, data: undefined };
}

/**
 * The id of the role new users get.
 *
 * Endpoint: `GET /api/content/v1/customer-states/user.roleid.default?defaultValue=2&ignoreCache=true`
 * @remarks Domo answers a customer-state `{ name, value }` whose value is a string; it is a number here.
 * @example
 * ```ts
 * const { data: roleId } = await getDefaultRole(auth);   // 2
 * ```
 */
export async function getDefaultRole(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<number>> {
  const { status, data } = await auth.transport.request({
    route: 'getDefaultRole', method: 'GET', path: '/api/content/v1/customer-states/user.roleid.default',
    query: { defaultValue: 2, ignoreCache: true }, schema: CustomerStateSchema,
  }, options);
  const roleId = typeof data.value === 'number' ? data.value : /^\d{1,16}$/.test(data.value.trim()) ? Number(data.value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(roleId) || roleId <= 0) {
    throw new DomoValidationError(`getDefaultRole: the default role is not a role id: ${describe(data.value)}`, { route: 'getDefaultRole', status, issues: [{ path: 'value', message: 'expected a role id' }] });
  }
  return { status, data: roleId };
}

/**
 * Sets the role new users get.
 *
 * Endpoint: `PUT /api/authorization/v1/roles/settings` with `{ defaultRoleId, allowlistRoleIds: null }`
 * @example
 * ```ts
 * await setDefaultRole(auth, 4);
 * ```
 */
export async function setDefaultRole(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<void>> {
  const roleId = checkId(id, 'id', 'setDefaultRole');
  const { status } = await auth.transport.request({ route: 'setDefaultRole', method: 'PUT', path: '/api/authorization/v1/roles/settings', json: { defaultRoleId: roleId, allowlistRoleIds: null } }, options);
  return { status, data: undefined };
}

/**
 * The catalogue of every grant (authority) the instance knows, with titles, groups and dependencies.
 *
 * Endpoint: `GET /api/authorization/v1/authorities`
 * @throws {DomoValidationError} the catalogue came back empty (an instance always has authorities)
 * @example
 * ```ts
 * const { data: catalogue } = await getAuthorities(auth);
 * ```
 */
export async function getAuthorities(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<Authority[]>> {
  const response = await auth.transport.request({ route: 'getAuthorities', method: 'GET', path: '/api/authorization/v1/authorities', schema: z.array(AuthoritySchema) }, options);
  if (response.data.length === 0) {
    throw new DomoValidationError('getAuthorities: the authorities catalogue came back empty', { route: 'getAuthorities', status: response.status, issues: [{ path: '', message: 'expected at least one authority' }] });
  }
  return response;
}

/** Checks a grant list: an array of non-empty strings; duplicates removed, order kept. */
export function checkGrantList(grants: unknown, route?: string): string[] {
  if (!Array.isArray(grants)) throw new DomoInputError(`grants must be an array of authority names, got ${describe(grants)}`, { field: 'grants', route });
  const bad = grants.findIndex((grant) => typeof grant !== 'string' || grant.trim() === '');
  if (bad !== -1) throw new DomoInputError(`grants[${bad}] must be a non-empty authority name, got ${describe(grants[bad])}`, { field: `grants[${bad}]`, route });
  return [...new Set((grants as string[]).map((grant) => grant.trim()))];
}

async function roleExists(auth: DomoAuth, id: number, options?: RequestOptions): Promise<boolean> {
  try {
    await getRoleById(auth, id, options);
    return true;
  } catch (error) {
    if (error instanceof DomoNotFoundError) return false;
    throw error;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}
