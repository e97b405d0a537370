import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkIds } from '../../internal/input.js';
import { path } from '../../client/path.js';
import { getRoleById, roleNotFound } from './core.js';
import { RoleMemberSchema, type RoleMember } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const RoleMembersBodySchema = z.looseObject({ users: z.array(RoleMemberSchema) });

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
export async function getRoleMembership(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<RoleMember[]>> {
  const roleId = checkId(id, 'id', 'getRoleMembership');
  const { status, data } = await auth.transport.request(
    {
      route: 'getRoleMembership',
      method: 'GET',
      path: path`/api/authorization/v1/roles/${roleId}/users`,
      schema: RoleMembersBodySchema,
    },
    options,
  );
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
export async function addRoleMembers(
  auth: DomoAuth,
  id: number,
  userIds: readonly number[],
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const roleId = checkId(id, 'id', 'addRoleMembers');
  const ids = checkIds(userIds, 'userIds', 'addRoleMembers');
  const { status } = await auth.transport.request(
    {
      route: 'addRoleMembers',
      method: 'PUT',
      path: path`/api/authorization/v1/roles/${roleId}/users`,
      json: ids,
      notFoundHint: roleNotFound(roleId),
    },
    options,
  );
  return { status, data: undefined };
}
