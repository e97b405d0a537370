import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { DomoNotFoundError } from '../../client/errors.js';
import { checkId, checkName, checkText } from '../../internal/input.js';
import { path } from '../../client/path.js';
import { badRequestButApplied, goneOnRetryIsDeleted, type VerifiedResponse } from '../../internal/quirks.js';
import { CreatedRoleSchema, RoleSchema, type CreatedRole, type Role } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const RoleListSchema = z.array(RoleSchema);

const ROLES = '/api/authorization/v1/roles';

/** The hint on a 404 for a role. */
export const roleNotFound = (id: number) => `role ${id} not found`;

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
  return auth.transport.request({ route: 'getRoles', method: 'GET', path: ROLES, schema: RoleListSchema }, options);
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
  return auth.transport.request(
    {
      route: 'getRoleById',
      method: 'GET',
      path: path`/api/authorization/v1/roles/${roleId}`,
      schema: RoleSchema,
      notFoundHint: roleNotFound(roleId),
    },
    options,
  );
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
export async function createRole(
  auth: DomoAuth,
  input: CreateRoleInput,
  options?: RequestOptions,
): Promise<DomoResponse<CreatedRole>> {
  const route = 'createRole';
  const body: Record<string, unknown> = {
    name: checkName(input?.name, 'name', route),
    description: checkText(input.description ?? '', 'description', route),
  };
  if (input.fromRoleId !== undefined) body.fromRoleId = checkId(input.fromRoleId, 'fromRoleId', route);
  return auth.transport.request(
    { route, method: 'POST', path: ROLES, json: body, maxRetries: 0, schema: CreatedRoleSchema },
    options,
  );
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
export async function deleteRole(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<VerifiedResponse<void>> {
  const roleId = checkId(id, 'id', 'deleteRole');
  return badRequestButApplied(
    () =>
      goneOnRetryIsDeleted(
        auth.transport.request(
          {
            route: 'deleteRole',
            method: 'DELETE',
            path: path`/api/authorization/v1/roles/${roleId}`,
            notFoundHint: roleNotFound(roleId),
          },
          options,
        ),
      ),
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
export async function updateRoleMetadata(
  auth: DomoAuth,
  id: number,
  metadata: RoleMetadata,
  options?: RequestOptions,
): Promise<VerifiedResponse<Role>> {
  const route = 'updateRoleMetadata';
  const roleId = checkId(id, 'id', route);
  const name = checkName(metadata?.name, 'name', route);
  const description = checkText(metadata.description, 'description', route);
  return badRequestButApplied(
    () =>
      auth.transport
        .request(
          {
            route,
            method: 'PUT',
            path: path`/api/authorization/v1/roles/${roleId}`,
            json: { name, description, id: roleId },
            schema: RoleSchema.or(z.unknown().transform(() => undefined)),
            notFoundHint: roleNotFound(roleId),
          },
          options,
        )
        .then(async (response) =>
          response.data ? { status: response.status, data: response.data } : getRoleById(auth, roleId, options),
        ),
    async () => {
      const reread = await getRoleById(auth, roleId, options);
      return reread.data.name === name && (reread.data.description ?? '') === description ? reread : undefined;
    },
  );
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
