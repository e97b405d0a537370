import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { describe } from '../../internal/input.js';
import { ApiClientListSchema, type ApiClient } from './schemas.js';

const CLIENTS = '/api/identity/v1/developer-tokens';

/**
 * Every API client (OAuth client credentials) of the instance, never a secret. There is no read of one: find it in
 * this list.
 *
 * Endpoint: `GET /api/identity/v1/developer-tokens` (DL, GDG)
 * @example
 * ```ts
 * const { data: clients } = await getApiClients(auth);
 * ```
 */
export async function getApiClients(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<ApiClient[]>> {
  return auth.transport.request(
    { route: 'getApiClients', method: 'GET', path: CLIENTS, schema: ApiClientListSchema },
    options,
  );
}

/**
 * Revokes an API client: whatever signs in with its client id and secret is refused from then on. Read the list
 * again to know it happened.
 *
 * Endpoint: `DELETE /api/identity/v1/developer-tokens/{id}` → 204 (DL, IDX-LO)
 * @remarks Creating one is left out: the sources disagree on how (`POST /api/identity/v1/developer-tokens` with
 * `scopes` per IDX-LO, `POST https://api.domo.com/clients` with `scope` per DL; domo-api-admin.md §5).
 * @throws {DomoInputError} an id that is not one (nothing sent)
 * @throws {DomoNotFoundError} no such client (or revoked already)
 */
export async function revokeApiClient(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(id))
    throw new DomoInputError(`an API client id is a short opaque string, got ${describe(id)}`, {
      field: 'id',
      route: 'revokeApiClient',
    });
  return auth.transport.request(
    {
      route: 'revokeApiClient',
      method: 'DELETE',
      path: `${CLIENTS}/${id}`,
      notFoundHint: `API client ${id} not found (revoked already?)`,
    },
    options,
  );
}
