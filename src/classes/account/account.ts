import 'reflect-metadata';
import { Expose } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoFullAuth } from '../../auth/full.js';
import { normalizeInstance } from '../../auth/instance.js';
import { DomoTokenAuth } from '../../auth/token.js';
import { DomoInputError } from '../../client/errors.js';
import { checkObject } from '../../internal/input.js';
import { Secret } from '../../client/secret.js';
import { getAccountConfig, updateAccountConfig } from '../../routes/account/config.js';
import { getAccountById, getAccounts } from '../../routes/account/core.js';
import { checkProviderType } from '../../routes/account/input.js';
import { createAccount, deleteAccount, updateAccountName } from '../../routes/account/crud.js';
import { getAccountAccessList, shareAccount } from '../../routes/account/sharing.js';
import { AccountConfig, newConfig, type ConfigInput } from './config.js';
import type { DomoDataset } from '../dataset/dataset.js';
import { DomoDatasets } from '../dataset/datasets.js';
import { findOneByName, type UpsertResult } from '../names.js';
import {
  callOptions,
  CredentialEntity,
  type CallOptions,
  type CredentialApi,
  type GetAccountEntityOptions,
} from './credential.js';

export type { GetAccountEntityOptions } from './credential.js';

const accountApi: CredentialApi = {
  label: 'account',
  kind: 'account',
  get: (auth, id, options) => getAccountById(auth, id, options),
  getConfig: (auth, id, options) => getAccountConfig(auth, id, options),
  updateConfig: (auth, id, config, options) => updateAccountConfig(auth, id, config, options),
  rename: (auth, id, name, options) => updateAccountName(auth, id, name, options),
  delete: (auth, id, options) => deleteAccount(auth, id, options),
  getAccess: (auth, id, options) => getAccountAccessList(auth, id, options),
  share: (auth, id, input, options) => shareAccount(auth, id, input, options),
};

/** What a new account needs. */
export interface NewAccount {
  name: string;
  dataProviderType: string;
  config: ConfigInput;
}

/**
 * A credential account: a connector's stored credentials (Snowflake, S3, a Domo token…).
 *
 * @example
 * ```ts
 * const acct = await DomoAccount.get(auth, 71, { withConfig: true });
 * await acct.share({ userId: 929336557 });                 // CAN_VIEW
 * await acct.updateConfig({ password: 'new' });            // merged with the current config
 * ```
 */
export class DomoAccount extends CredentialEntity {
  /** Whether Domo last found the credentials working. */
  @Expose() valid?: boolean;
  /**
   * Domo's `userId` on the account row: the user who **created** it (the same as `createdBy`), kept under its old
   * name. The owner is in the access list: see {@link CredentialEntity.owners}.
   */
  @Expose({ name: 'userId' }) ownerId?: number;

  protected get api(): CredentialApi {
    return accountApi;
  }

  /**
   * Reads one account, optionally with its config.
   * @throws {DomoNotFoundError} missing or not shared with you
   */
  static async get(auth: DomoAuth, id: number, options: GetAccountEntityOptions = {}): Promise<DomoAccount> {
    return CredentialEntity.withConfigIfAsked(
      DomoAccount.hydrate(auth, (await getAccountById(auth, id, callOptions(options))).data),
      options,
    );
  }

  /**
   * Creates an account. The config is checked against the provider first (unknown or missing required keys
   * are a `DomoInputError`, nothing is sent). Never retried.
   */
  static async create(auth: DomoAuth, input: NewAccount, options: CallOptions = {}): Promise<DomoAccount> {
    checkObject(input, 'input', 'DomoAccount.create', '{ name, dataProviderType, config }');
    const config = newConfig(input.dataProviderType, input.config);
    const account = DomoAccount.hydrate(
      auth,
      (
        await createAccount(
          auth,
          { name: input.name, dataProviderType: input.dataProviderType, config },
          callOptions(options),
        )
      ).data,
    );
    account.config = new AccountConfig(account.dataProviderType, config);
    return account;
  }

  /**
   * The account of `auth` whose display name — or else whose name — equals `name` (case-insensitive, never a
   * substring), optionally of one provider type; `undefined` when none. One list request.
   * @throws {DomoAmbiguousNameError} two or more match; the error lists them
   */
  static async findByName(
    auth: DomoAuth,
    name: string,
    options: CallOptions & { dataProviderType?: string } = {},
  ): Promise<DomoAccount | undefined> {
    const type =
      options.dataProviderType === undefined ? undefined : checkProviderType(options.dataProviderType, 'findByName');
    const { data } = await getAccounts(auth, callOptions(options));
    const accounts = DomoAccount.hydrateMany(auth, type ? data.filter((row) => row.dataProviderType === type) : data);
    return findOneByName('account', accounts, name, [(a) => a.displayName, (a) => a.name]);
  }

  /**
   * Makes sure an account named `name` (of that provider) exists in `auth`'s instance with exactly `config`:
   * creates it, replaces its config, or leaves it alone when the stored config already equals `config`.
   */
  static async upsert(
    auth: DomoAuth,
    input: NewAccount,
    options: CallOptions = {},
  ): Promise<UpsertResult<DomoAccount>> {
    checkObject(input, 'input', 'DomoAccounts.upsert', '{ name, dataProviderType, config }');
    const type = checkProviderType(input.dataProviderType, 'upsert');
    const config = newConfig(type, input.config);
    const call = callOptions(options);
    const existing = await DomoAccount.findByName(auth, input.name, { ...call, dataProviderType: type });
    if (!existing)
      return {
        entity: await DomoAccount.create(auth, { name: input.name, dataProviderType: type, config }, call),
        action: 'created',
      };
    return existing.settleConfig(config, call);
  }

  /**
   * Copies this account into another instance: finds an account there with the same display name (exact,
   * case-insensitive, same provider) and replaces its config, or creates one.
   * @returns the account in the target instance
   */
  async copyTo(target: DomoAuth, options: CallOptions & { name?: string } = {}): Promise<DomoAccount> {
    const config = (await this.getConfig({ unmask: true, ...callOptions(options) })).reveal();
    const { entity } = await DomoAccount.upsert(
      target,
      { name: options.name ?? this.displayName, dataProviderType: this.dataProviderType, config },
      callOptions(options),
    );
    return entity;
  }

  /**
   * Turns an account that holds Domo credentials into an auth, checked with `whoAmI`:
   * `domo-access-token` (token; else its username and password), `dataset-copy` (instance + token), and
   * `abstract-credential-store` whose `credentials` is JSON with a token or a username and password, and
   * optionally `instance` / `baseUrl` (also as `DOMO_INSTANCE`, `DOMO_ACCESS_TOKEN`, … keys).
   * Without an instance in the config, the credentials are for this account's own instance.
   * @throws {DomoInputError} another provider, or a config without usable credentials
   * @throws {DomoAuthError} the credentials were refused
   */
  async toAuth(options: CallOptions = {}): Promise<DomoAuth> {
    const config = (await this.getConfig({ unmask: true, ...callOptions(options) })).reveal();
    const credentials = domoCredentials(this.dataProviderType, config);
    const instance = credentials.instance === undefined ? this.auth.instance : normalizeInstance(credentials.instance);
    const baseUrl = credentials.baseUrl ?? (instance === this.auth.instance ? this.auth.baseUrl : undefined);
    const shared = { ...this.auth.transportOptions, instance, baseUrl };
    const auth = credentials.token
      ? new DomoTokenAuth({ ...shared, token: new Secret(credentials.token) })
      : new DomoFullAuth({
          ...shared,
          username: credentials.username ?? '',
          password: new Secret(credentials.password ?? ''),
        });
    await auth.whoAmI(callOptions(options));
    return auth;
  }

  /**
   * The datasets this account loads: what stops updating when the account is deleted or its secret is rotated
   * wrongly. Read before either.
   *
   * Endpoint: `GET /api/data/v2/datasources/account/{id}`
   */
  async datasets(options: CallOptions = {}): Promise<DomoDataset[]> {
    return new DomoDatasets(this.auth).usedByAccount(this.id, options);
  }

  summary(): string {
    return `DomoAccount #${this.id} ${JSON.stringify(this.displayName)} ${this.dataProviderType}`;
  }
}

export interface DomoCredentials {
  instance?: string;
  baseUrl?: string;
  token?: string;
  username?: string;
  password?: string;
}

/** The keys an abstract credential store's `credentials` JSON may hold a Domo token under, in the order read. */
export const STORED_TOKEN_KEYS = ['token', 'accessToken', 'domoAccessToken', 'DOMO_ACCESS_TOKEN'] as const;

/**
 * The Domo credentials an account's config holds, per provider (its instance when it names one).
 * @throws {DomoInputError} a provider that holds none, or a config with neither a token nor a username and password
 */
export function domoCredentials(dataProviderType: string, config: Record<string, unknown>): DomoCredentials {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  let found: DomoCredentials;
  if (dataProviderType === 'domo-access-token') {
    found = { token: text(config.domoAccessToken), username: text(config.username), password: text(config.password) };
  } else if (dataProviderType === 'dataset-copy') {
    found = { instance: text(config.instance), token: text(config.accessToken) };
  } else if (dataProviderType === 'abstract-credential-store') {
    const stored = parseCredentialsJson(config.credentials);
    const pick = (...keys: string[]) => text(keys.map((key) => stored[key]).find((value) => text(value)));
    found = {
      instance: pick('instance', 'DOMO_INSTANCE', 'domo_instance'),
      baseUrl: pick('baseUrl', 'DOMO_BASE_URL'),
      token: pick(...STORED_TOKEN_KEYS),
      username: pick('username', 'DOMO_USERNAME', 'email'),
      password: pick('password', 'DOMO_PASSWORD'),
    };
  } else {
    throw new DomoInputError(
      `toAuth: a ${dataProviderType} account holds no Domo credentials; use a domo-access-token, dataset-copy or abstract-credential-store account`,
      { field: 'dataProviderType', route: 'toAuth' },
    );
  }
  if (!found.token && !(found.username && found.password)) {
    throw new DomoInputError(`toAuth: the ${dataProviderType} config has neither a token nor a username and password`, {
      field: 'config',
      route: 'toAuth',
    });
  }
  return found;
}

function parseCredentialsJson(value: unknown): Record<string, unknown> {
  if (typeof value !== 'string') return {};
  try {
    const parsed = JSON.parse(value) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    throw new DomoInputError('toAuth: the abstract-credential-store credentials are not a JSON object', {
      field: 'config.credentials',
      route: 'toAuth',
    });
  }
}
