import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { checkId, checkName } from '../../internal/input.js';
import { checkConfig, checkProviderType, type ConfigValues } from './input.js';
import { goneOnRetryIsDeleted, type VerifiedResponse } from '../../internal/quirks.js';
import { secretValues } from './config.js';
import { accountNotFound, getAccountById } from './core.js';
import { oauthNotFound } from './oauth.js';
import { AccountSchema, OAuthAccountSchema, type Account, type OAuthAccount } from './schemas.js';

/** What a new account or template needs. */
export interface CreateAccountInput {
  /** The display name (also sent as `name`). */
  name: string;
  dataProviderType: string;
  config: ConfigValues;
}

export interface CreateOAuthAccountInput extends CreateAccountInput {
  /** @default 'OAUTH_CONFIGURATION' */
  origin?: string;
}

function createBody(input: CreateAccountInput, route: string) {
  const name = checkName(input?.name, 'name', route);
  const dataProviderType = checkProviderType(input.dataProviderType, route);
  const configurations = checkConfig(input.config, route);
  return { displayName: name, name, dataProviderType, configurations };
}

/**
 * Creates a credential account owned by the caller.
 *
 * Endpoint: `POST /api/data/v1/accounts` with `{ displayName, name, dataProviderType, configurations }`
 * @remarks Never retried: a repeated POST would create a second account. When Domo answers only `{ id }`, the
 * account is read back with `GET /api/data/v1/accounts/{id}`.
 * @throws {DomoInputError} bad name, provider type or config (nothing is sent)
 * @throws {DomoApiError} 400: Domo refused the provider or config
 * @example
 * ```ts
 * const { data } = await createAccount(auth, { name: 'S3 landing', dataProviderType: 'amazon-s3', config: { accessKey, secretKey, bucket } });
 * ```
 */
export async function createAccount(
  auth: DomoAuth,
  input: CreateAccountInput,
  options?: RequestOptions,
): Promise<DomoResponse<Account>> {
  const body = createBody(input, 'createAccount');
  const response = await auth.transport.request(
    {
      route: 'createAccount',
      method: 'POST',
      path: '/api/data/v1/accounts',
      json: body,
      maxRetries: 0,
      secrets: secretValues(body.configurations),
      schema: AccountSchema.partial().required({ id: true }),
    },
    options,
  );
  const parsed = AccountSchema.safeParse(response.data);
  return parsed.success
    ? { status: response.status, data: parsed.data }
    : getAccountById(auth, response.data.id, options);
}

/**
 * Deletes a credential account.
 *
 * Endpoint: `DELETE /api/data/v1/accounts/{id}`
 * @remarks A 404 on a *retry* means the first attempt deleted it (its answer was lost): that is success.
 * @throws {DomoNotFoundError} missing or not shared with you
 * @throws {DomoForbiddenError} you may not delete it
 * @example
 * ```ts
 * await deleteAccount(auth, 71);
 * ```
 */
export async function deleteAccount(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<VerifiedResponse<void>> {
  const accountId = checkId(id, 'id', 'deleteAccount');
  return goneOnRetryIsDeleted(
    auth.transport.request(
      {
        route: 'deleteAccount',
        method: 'DELETE',
        path: path`/api/data/v1/accounts/${accountId}`,
        notFoundHint: accountNotFound(accountId),
      },
      options,
    ),
  );
}

/**
 * Renames a credential account: `displayName` changes, `name` stays as it was (Domo's behaviour).
 *
 * Endpoint: `PUT /api/data/v1/accounts/{id}/name` with a `text/plain` body
 * @throws {DomoInputError} the name is empty, not a string or over 255 characters (nothing is sent)
 * @example
 * ```ts
 * const { data } = await updateAccountName(auth, 71, 'Snowflake – finance');
 * ```
 */
export async function updateAccountName(
  auth: DomoAuth,
  id: number,
  name: string,
  options?: RequestOptions,
): Promise<DomoResponse<Account>> {
  const accountId = checkId(id, 'id', 'updateAccountName');
  const text = checkName(name, 'name', 'updateAccountName');
  return auth.transport.request(
    {
      route: 'updateAccountName',
      method: 'PUT',
      path: path`/api/data/v1/accounts/${accountId}/name`,
      text,
      schema: AccountSchema,
      notFoundHint: accountNotFound(accountId),
    },
    options,
  );
}

/**
 * Creates an OAuth account template.
 *
 * Endpoint: `POST /api/data/v1/accounts/templates` with `{ name, displayName, dataProviderType, origin, configurations }`
 * @remarks Domo answers the new template disabled, with null dates and an empty config. Never retried.
 * @example
 * ```ts
 * await createOAuthAccount(auth, { name: 'Snowflake OAuth', dataProviderType: 'snowflake-oauth-config', config: { 'client-id': 'x', 'client-secret': 'y' } });
 * ```
 */
export async function createOAuthAccount(
  auth: DomoAuth,
  input: CreateOAuthAccountInput,
  options?: RequestOptions,
): Promise<DomoResponse<OAuthAccount>> {
  const body = { ...createBody(input, 'createOAuthAccount'), origin: input.origin ?? 'OAUTH_CONFIGURATION' };
  return auth.transport.request(
    {
      route: 'createOAuthAccount',
      method: 'POST',
      path: '/api/data/v1/accounts/templates',
      json: body,
      maxRetries: 0,
      secrets: secretValues(body.configurations),
      schema: OAuthAccountSchema,
    },
    options,
  );
}

/**
 * Deletes an OAuth account template.
 *
 * Endpoint: `DELETE /api/data/v1/accounts/templates/{id}`
 * @remarks A 404 on a retry means the first attempt deleted it: success.
 * @example
 * ```ts
 * await deleteOAuthAccount(auth, 67);
 * ```
 */
export async function deleteOAuthAccount(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<VerifiedResponse<void>> {
  const templateId = checkId(id, 'id', 'deleteOAuthAccount');
  return goneOnRetryIsDeleted(
    auth.transport.request(
      {
        route: 'deleteOAuthAccount',
        method: 'DELETE',
        path: path`/api/data/v1/accounts/templates/${templateId}`,
        notFoundHint: oauthNotFound(templateId),
      },
      options,
    ),
  );
}

/**
 * Renames an OAuth account template (`displayName` only).
 *
 * Endpoint: `PUT /api/data/v1/accounts/templates/{id}/name` with a `text/plain` body
 * @example
 * ```ts
 * await updateOAuthAccountName(auth, 5, 'Jira OAuth');
 * ```
 */
export async function updateOAuthAccountName(
  auth: DomoAuth,
  id: number,
  name: string,
  options?: RequestOptions,
): Promise<DomoResponse<OAuthAccount>> {
  const templateId = checkId(id, 'id', 'updateOAuthAccountName');
  const text = checkName(name, 'name', 'updateOAuthAccountName');
  return auth.transport.request(
    {
      route: 'updateOAuthAccountName',
      method: 'PUT',
      path: path`/api/data/v1/accounts/templates/${templateId}/name`,
      text,
      schema: OAuthAccountSchema,
      notFoundHint: oauthNotFound(templateId),
    },
    options,
  );
}
