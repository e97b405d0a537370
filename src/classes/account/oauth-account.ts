import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { getOAuthAccountConfig, updateOAuthAccountConfig } from '../../routes/account/config.js';
import { createOAuthAccount, deleteOAuthAccount, updateOAuthAccountName } from '../../routes/account/crud.js';
import { getOAuthAccountById } from '../../routes/account/oauth.js';
import { getOAuthAccountAccessList, shareOAuthAccount } from '../../routes/account/sharing.js';
import { AccountConfig, newConfig } from './config.js';
import type { NewAccount } from './account.js';
import { checkObject } from '../../internal/input.js';
import {
  callOptions,
  CredentialEntity,
  type CallOptions,
  type CredentialApi,
  type GetAccountEntityOptions,
} from './credential.js';

const oauthApi: CredentialApi = {
  label: 'OAuth account',
  kind: 'template',
  get: (auth, id, options) => getOAuthAccountById(auth, id, options),
  getConfig: (auth, id, options) => getOAuthAccountConfig(auth, id, options),
  updateConfig: (auth, id, config, options) => updateOAuthAccountConfig(auth, id, config, options),
  rename: (auth, id, name, options) => updateOAuthAccountName(auth, id, name, options),
  delete: (auth, id, options) => deleteOAuthAccount(auth, id, options),
  getAccess: (auth, id, options) => getOAuthAccountAccessList(auth, id, options),
  share: (auth, id, input, options) => shareOAuthAccount(auth, id, input, options),
};

/**
 * An OAuth account template: a customer OAuth app configuration (client id and secret). Ids are a separate
 * sequence from credential accounts.
 *
 * @example
 * ```ts
 * const template = await DomoOAuthAccount.get(auth, 1, { withConfig: true });
 * await template.rename('Snowflake OAuth – prod');
 * ```
 */
export class DomoOAuthAccount extends CredentialEntity {
  /** False right after creation, until Domo enables it. */
  @Expose() enabled?: boolean;
  @Expose() origin?: string;
  /** Owner user ids, from `owners`. */
  @Expose({ name: 'owners' })
  @Transform(
    ({ value }: { value: unknown }) =>
      Array.isArray(value)
        ? value.filter((o: { type?: string }) => o?.type === 'USER').map((o: { id: number }) => o.id)
        : undefined,
    { toClassOnly: true },
  )
  ownerIds?: number[];

  protected get api(): CredentialApi {
    return oauthApi;
  }

  /**
   * Reads one template (from the list: Domo has no get-by-id endpoint).
   * @throws {DomoNotFoundError} not in the list: missing or not shared with you
   */
  static async get(auth: DomoAuth, id: number, options: GetAccountEntityOptions = {}): Promise<DomoOAuthAccount> {
    return CredentialEntity.withConfigIfAsked(
      DomoOAuthAccount.hydrate(auth, (await getOAuthAccountById(auth, id, callOptions(options))).data),
      options,
    );
  }

  /** Creates a template (Domo answers it disabled). The config is checked against the provider first. */
  static async create(
    auth: DomoAuth,
    input: NewAccount & { origin?: string },
    options: CallOptions = {},
  ): Promise<DomoOAuthAccount> {
    checkObject(input, 'input', 'DomoOAuthAccount.create', '{ name, dataProviderType, config, origin? }');
    const config = newConfig(input.dataProviderType, input.config);
    const { data } = await createOAuthAccount(
      auth,
      {
        name: input.name,
        dataProviderType: input.dataProviderType,
        config,
        ...(input.origin ? { origin: input.origin } : {}),
      },
      callOptions(options),
    );
    const template = DomoOAuthAccount.hydrate(auth, data);
    template.config = new AccountConfig(template.dataProviderType, config);
    return template;
  }

  summary(): string {
    return `DomoOAuthAccount #${this.id} ${JSON.stringify(this.displayName)} ${this.dataProviderType}${this.enabled === false ? ' (disabled)' : ''}`;
  }
}
