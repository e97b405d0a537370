import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { DomoInputError, DomoValidationError } from '../../client/errors.js';
import { checkId, describe } from '../../internal/input.js';
import { path } from '../../client/path.js';
import { badRequestButApplied, type VerifiedResponse } from '../../internal/quirks.js';
import { getRoleById, roleNotFound } from './core.js';
import { AuthoritySchema, type Authority } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const GrantIdsSchema = z.array(z.string());
const AuthorityListSchema = z.array(AuthoritySchema);

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
export async function getRoleGrants(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<string[]>> {
  const roleId = checkId(id, 'id', 'getRoleGrants');
  const response = await auth.transport.request(
    {
      route: 'getRoleGrants',
      method: 'GET',
      path: path`/api/authorization/v1/roles/${roleId}/authorities`,
      schema: GrantIdsSchema,
    },
    options,
  );
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
export async function setRoleGrants(
  auth: DomoAuth,
  id: number,
  grants: readonly string[],
  options: SetRoleGrantsOptions = {},
): Promise<VerifiedResponse<unknown>> {
  const route = 'setRoleGrants';
  const roleId = checkId(id, 'id', route);
  const list = checkGrantList(grants, route);
  return badRequestButApplied(
    () =>
      auth.transport.request(
        {
          route,
          method: options.method ?? 'PATCH',
          path: path`/api/authorization/v1/roles/${roleId}/authorities`,
          json: list,
          idempotent: true,
          notFoundHint: roleNotFound(roleId),
        },
        options,
      ),
    async () => {
      const { status, data } = await getRoleGrants(auth, roleId, options);
      return sameSet(data, list) ? { status, data } : undefined;
    },
  );
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
  const response = await auth.transport.request(
    {
      route: 'getAuthorities',
      method: 'GET',
      path: '/api/authorization/v1/authorities',
      schema: AuthorityListSchema,
    },
    options,
  );
  if (response.data.length === 0) {
    throw new DomoValidationError('getAuthorities: the authorities catalogue came back empty', {
      route: 'getAuthorities',
      status: response.status,
      issues: [{ path: '', message: 'expected at least one authority' }],
    });
  }
  return response;
}

/** Checks a grant list: an array of non-empty strings; duplicates removed, order kept. */
export function checkGrantList(grants: unknown, route?: string): string[] {
  if (!Array.isArray(grants))
    throw new DomoInputError(`grants must be an array of authority names, got ${describe(grants)}`, {
      field: 'grants',
      route,
    });
  const bad = grants.findIndex((grant) => typeof grant !== 'string' || grant.trim() === '');
  if (bad !== -1)
    throw new DomoInputError(`grants[${bad}] must be a non-empty authority name, got ${describe(grants[bad])}`, {
      field: `grants[${bad}]`,
      route,
    });
  return [...new Set((grants as string[]).map((grant) => grant.trim()))];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((item) => left.has(item));
}
