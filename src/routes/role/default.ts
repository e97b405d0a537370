import { parseId } from '../../internal/refs.js';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { DomoValidationError } from '../../client/errors.js';
import { checkId, describe } from '../../internal/input.js';
import { CustomerStateSchema } from './schemas.js';

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
  const { status, data } = await auth.transport.request(
    {
      route: 'getDefaultRole',
      method: 'GET',
      path: '/api/content/v1/customer-states/user.roleid.default',
      query: { defaultValue: 2, ignoreCache: true },
      schema: CustomerStateSchema,
    },
    options,
  );
  const roleId = parseId(data.value);
  if (roleId === undefined) {
    throw new DomoValidationError(`getDefaultRole: the default role is not a role id: ${describe(data.value)}`, {
      route: 'getDefaultRole',
      status,
      issues: [{ path: 'value', message: 'expected a role id' }],
    });
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
export async function setDefaultRole(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const roleId = checkId(id, 'id', 'setDefaultRole');
  const { status } = await auth.transport.request(
    {
      route: 'setDefaultRole',
      method: 'PUT',
      path: '/api/authorization/v1/roles/settings',
      json: { defaultRoleId: roleId, allowlistRoleIds: null },
    },
    options,
  );
  return { status, data: undefined };
}
