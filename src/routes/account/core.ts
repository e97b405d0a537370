import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { checkId } from '../../internal/input.js';
import { AccountSchema, DataProviderSchema, type Account, type DataProvider } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const DataProviderListSchema = z.array(DataProviderSchema);
const AccountListSchema = z.array(AccountSchema);

/** Options of {@link getAccountById}. */
export interface GetAccountOptions extends RequestOptions {
  /** Ask Domo for clear-text values where the object carries any. @default false */
  unmask?: boolean;
}

/** The hint on 403/404 for an account: Domo answers both when the caller cannot see it. */
export const accountNotFound = (id: number) => `account ${id} not found or not shared with you`;

/**
 * Every data provider (connector type) the instance knows.
 *
 * Endpoint: `GET /api/data/v1/providers`
 * @throws {DomoApiError} on an error status
 * @example
 * ```ts
 * const { data: providers } = await getAvailableDataProviders(auth);
 * providers.find((p) => p.key === 'snowflake');
 * ```
 */
export async function getAvailableDataProviders(
  auth: DomoAuth,
  options?: RequestOptions,
): Promise<DomoResponse<DataProvider[]>> {
  return auth.transport.request(
    {
      route: 'getAvailableDataProviders',
      method: 'GET',
      path: '/api/data/v1/providers',
      schema: DataProviderListSchema,
    },
    options,
  );
}

/**
 * The credential accounts the caller can read (all of them with the "Manage all accounts" grant).
 *
 * Endpoint: `GET /api/data/v1/accounts`
 * @remarks One request returns every account's metadata; configs need one request each ({@link getAccountConfig}).
 * @throws {DomoApiError} on an error status
 * @example
 * ```ts
 * const { data: accounts } = await getAccounts(auth);
 * ```
 */
export async function getAccounts(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<Account[]>> {
  return auth.transport.request(
    { route: 'getAccounts', method: 'GET', path: '/api/data/v1/accounts', schema: AccountListSchema },
    options,
  );
}

/**
 * One credential account.
 *
 * Endpoint: `GET /api/data/v1/accounts/{id}?unmask=false`
 * @remarks Domo answers 403 or 404 when the account is missing *or* not shared with the caller; both are a
 * `DomoNotFoundError` that says so.
 * @throws {DomoInputError} `id` is not a positive integer (nothing is sent)
 * @throws {DomoNotFoundError} missing or not shared with you
 * @example
 * ```ts
 * const { data: account } = await getAccountById(auth, 71);
 * ```
 */
export async function getAccountById(
  auth: DomoAuth,
  id: number,
  options: GetAccountOptions = {},
): Promise<DomoResponse<Account>> {
  const accountId = checkId(id, 'id', 'getAccountById');
  return auth.transport.request(
    {
      route: 'getAccountById',
      method: 'GET',
      path: path`/api/data/v1/accounts/${accountId}`,
      query: { unmask: options.unmask ?? false },
      schema: AccountSchema,
      notFoundHint: accountNotFound(accountId),
      forbiddenMeansNotFound: true,
    },
    options,
  );
}
