import type { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { checkId } from '../../internal/input.js';
import { checkConfig, checkNoMaskedValues, checkProviderType, type ConfigValues } from './input.js';
import { accountNotFound, getAccountById } from './core.js';
import { getOAuthAccountById, oauthNotFound } from './oauth.js';
import { AccountSchema, ConfigSchema, OAuthAccountSchema, type Account, type OAuthAccount } from './schemas.js';

/** Options of the config reads. */
export interface GetConfigOptions extends RequestOptions {
  /** The provider type; when absent it is read first with one extra GET. */
  dataProviderType?: string;
  /** Return secrets in clear text. Off by default: opt in where the secret is really needed. @default false */
  unmask?: boolean;
}

/** Options of the config writes. */
export interface UpdateConfigOptions extends RequestOptions {
  /** The provider type; when absent it is read first with one extra GET. */
  dataProviderType?: string;
}

/** A config read: the flat provider fields, and what was asked, beside them (never mixed into the data). */
export interface ConfigResponse extends DomoResponse<ConfigValues> {
  meta: { id: number; dataProviderType: string; unmasked: boolean };
}

/**
 * A credential account's provider config: a flat object of fields (domo-api.md §3).
 *
 * Endpoint: `GET /api/data/v1/providers/{dataProviderType}/account/{id}?unmask=false`
 * @remarks Without `unmask`, secrets come back masked (`{encrypted}…`). OAuth-credential providers such as
 * `google-spreadsheets` store no config and answer `{}`. Domo needs the provider type in the path: give it, or
 * it is read with one extra `GET /api/data/v1/accounts/{id}`.
 * @throws {DomoInputError} bad id or provider type (nothing is sent)
 * @throws {DomoNotFoundError} missing, not shared with you, or not of that provider type
 * @example
 * ```ts
 * const { data: config } = await getAccountConfig(auth, 71, { dataProviderType: 'snowflake', unmask: true });
 * ```
 */
export function getAccountConfig(auth: DomoAuth, id: number, options: GetConfigOptions = {}): Promise<ConfigResponse> {
  return readConfig(auth, ACCOUNT, 'getAccountConfig', id, options);
}

/**
 * Replaces a credential account's provider config with `config` (keys left out are cleared by Domo).
 *
 * Endpoint: `PUT /api/data/v1/providers/{dataProviderType}/account/{id}`
 * @remarks Answers the account object, not the config. `{encrypted}` placeholders (a masked read written back)
 * are refused before anything is sent: they would replace the secrets with their masks. The entity method `account.updateConfig()` merges with
 * the current config first so that no secret is wiped by accident. Values are scrubbed from errors and logs.
 * @throws {DomoInputError} bad id, provider type or config (nothing is sent)
 * @throws {DomoApiError} 400: Domo refused the keys
 * @example
 * ```ts
 * await updateAccountConfig(auth, 71, { credentials: 'abc123' }, { dataProviderType: 'abstract-credential-store' });
 * ```
 */
export function updateAccountConfig(
  auth: DomoAuth,
  id: number,
  config: ConfigValues,
  options: UpdateConfigOptions = {},
): Promise<DomoResponse<Account>> {
  return writeConfig(auth, ACCOUNT, 'updateAccountConfig', id, config, options, AccountSchema);
}

/**
 * An OAuth account template's config (client id and secret).
 *
 * Endpoint: `GET /api/data/v1/providers/{dataProviderType}/template/{id}?unmask=false`
 * @throws {DomoNotFoundError} missing or not shared with you
 * @example
 * ```ts
 * const { data } = await getOAuthAccountConfig(auth, 1, { dataProviderType: 'snowflake-oauth-config', unmask: true });
 * ```
 */
export function getOAuthAccountConfig(
  auth: DomoAuth,
  id: number,
  options: GetConfigOptions = {},
): Promise<ConfigResponse> {
  return readConfig(auth, TEMPLATE, 'getOAuthAccountConfig', id, options);
}

/**
 * Replaces an OAuth account template's config.
 *
 * Endpoint: `PUT /api/data/v1/providers/{dataProviderType}/template/{id}`
 * @remarks Answers the template, with every config value encrypted. `{encrypted}` placeholders are refused, as
 * for accounts.
 * @throws {DomoApiError} 400: Domo refused the keys
 * @example
 * ```ts
 * await updateOAuthAccountConfig(auth, 5, { client_id: 'id', client_secret: 'secret' });
 * ```
 */
export function updateOAuthAccountConfig(
  auth: DomoAuth,
  id: number,
  config: ConfigValues,
  options: UpdateConfigOptions = {},
): Promise<DomoResponse<OAuthAccount>> {
  return writeConfig(auth, TEMPLATE, 'updateOAuthAccountConfig', id, config, options, OAuthAccountSchema);
}

/** What differs between account and template configs: the path segment, how to learn the type, the hint. */
interface ConfigTarget {
  segment: 'account' | 'template';
  providerType(auth: DomoAuth, id: number, options: RequestOptions): Promise<string>;
  notFound(id: number): string;
}

const ACCOUNT: ConfigTarget = {
  segment: 'account',
  providerType: async (auth, id, options) => (await getAccountById(auth, id, options)).data.dataProviderType,
  notFound: accountNotFound,
};

const TEMPLATE: ConfigTarget = {
  segment: 'template',
  providerType: async (auth, id, options) => (await getOAuthAccountById(auth, id, options)).data.dataProviderType,
  notFound: oauthNotFound,
};

async function providerTypeOf(
  auth: DomoAuth,
  target: ConfigTarget,
  route: string,
  id: number,
  options: UpdateConfigOptions,
): Promise<string> {
  return options.dataProviderType === undefined
    ? target.providerType(auth, id, options)
    : checkProviderType(options.dataProviderType, route);
}

async function readConfig(
  auth: DomoAuth,
  target: ConfigTarget,
  route: string,
  id: number,
  options: GetConfigOptions,
): Promise<ConfigResponse> {
  const checkedId = checkId(id, 'id', route);
  const type = await providerTypeOf(auth, target, route, checkedId, options);
  const unmask = options.unmask ?? false;
  const response = await auth.transport.request(
    {
      route,
      method: 'GET',
      path: path`/api/data/v1/providers/${type}/${target.segment}/${checkedId}`,
      query: { unmask },
      schema: ConfigSchema,
      notFoundHint: `${target.notFound(checkedId)} (as a ${type} ${target.segment})`,
      forbiddenMeansNotFound: true,
      sensitiveResponse: true,
    },
    options,
  );
  return { ...response, meta: { id: checkedId, dataProviderType: type, unmasked: unmask } };
}

async function writeConfig<T>(
  auth: DomoAuth,
  target: ConfigTarget,
  route: string,
  id: number,
  config: ConfigValues,
  options: UpdateConfigOptions,
  schema: z.ZodType<T>,
): Promise<DomoResponse<T>> {
  const checkedId = checkId(id, 'id', route);
  const body = checkNoMaskedValues(checkConfig(config, route), route);
  const type = await providerTypeOf(auth, target, route, checkedId, options);
  return auth.transport.request(
    {
      route,
      method: 'PUT',
      path: path`/api/data/v1/providers/${type}/${target.segment}/${checkedId}`,
      json: body,
      secrets: secretValues(body),
      schema,
    },
    options,
  );
}

/** Every string value of a config: scrubbed from errors and logs, since any of them may be a secret. */
export function secretValues(config: ConfigValues): string[] {
  return Object.values(config).filter((value): value is string => typeof value === 'string');
}
