import 'reflect-metadata';
import { Expose } from 'class-transformer';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoPartialFailureError, DomoServerError, DomoValidationError } from '../client/errors.js';
import type { DomoResponse } from '../client/options.js';
import type { ConfigResponse } from '../routes/account/config.js';
import type { AccessEntry } from '../routes/account/schemas.js';
import { AccessLevel, toAccessLevel, toPrincipal, type SharePrincipal } from '../routes/account/sharing.js';
import type { ConfigValues } from '../routes/internal/input.js';
import { checkId } from '../routes/internal/input.js';
import { AccountConfig, checkConfigForProvider, plainConfig, type ConfigInput } from './account-config.js';
import { DomoEntity, EpochDate } from './entity.js';

/** The routes one kind of credential (account or OAuth template) is served by. */
export interface CredentialApi {
  /** `account` or `OAuth account`, for messages. */
  label: string;
  /** Reads the metadata. */
  get(auth: DomoAuth, id: number): Promise<DomoResponse<object>>;
  /** Reads the config. */
  getConfig(auth: DomoAuth, id: number, options: { dataProviderType: string; unmask: boolean }): Promise<ConfigResponse>;
  /** Replaces the config. */
  updateConfig(auth: DomoAuth, id: number, config: ConfigValues, options: { dataProviderType: string }): Promise<unknown>;
  /** Changes the display name. */
  rename(auth: DomoAuth, id: number, name: string): Promise<DomoResponse<object>>;
  /** Deletes it. */
  delete(auth: DomoAuth, id: number): Promise<unknown>;
  /** Reads the access list. */
  getAccess(auth: DomoAuth, id: number): Promise<DomoResponse<AccessEntry[]>>;
  /** Shares (v2 levels; NONE revokes). */
  share(auth: DomoAuth, id: number, input: SharePrincipal & { accessLevel: AccessLevel }): Promise<unknown>;
}

/** A share request on an entity: the access level defaults to `CAN_VIEW`. */
export type EntityShareInput = SharePrincipal & { accessLevel?: AccessLevel | keyof typeof AccessLevel };

/** Options of the entities' `get`. */
export interface GetAccountEntityOptions {
  /** Also read the config (one more request). @default false */
  withConfig?: boolean;
  /** Read the config with secrets in clear text (held as `Secret`s). @default false */
  unmask?: boolean;
}

/** Options of `updateConfig`. */
export interface UpdateConfigOptions {
  /** Replace the whole config with `patch` instead of merging it into the current one. @default false */
  replace?: boolean;
}

/**
 * What credential accounts and OAuth templates share: metadata, a config held with secrets wrapped, an access
 * list, and the verbs that change them. Every mutating method returns `this`.
 */
export abstract class CredentialEntity extends DomoEntity {
  @Expose() id!: number;
  /** Domo's internal name; a rename does not change it. */
  @Expose() name!: string;
  /** The name people see; a rename changes it. */
  @Expose() displayName!: string;
  @Expose() dataProviderType!: string;
  @Expose() credentialsType?: string;
  @Expose() @EpochDate() createdAt?: Date;
  @Expose() createdBy?: number;
  @Expose() @EpochDate() modifiedAt?: Date;
  @Expose() modifiedBy?: number;
  /** The provider config, once read (`withConfig`, `getConfig()`), with secrets as `Secret`s. */
  declare config?: AccountConfig;
  /** The access list, once read (`getAccess()`). */
  declare access?: AccessEntry[];

  protected abstract get api(): CredentialApi;

  /** Reads the config of a freshly read entity when `withConfig` asks for it. */
  protected static async withConfigIfAsked<T extends CredentialEntity>(entity: T, options: GetAccountEntityOptions): Promise<T> {
    if (options.withConfig) await entity.getConfig({ unmask: options.unmask ?? false });
    return entity;
  }

  /** Reads the metadata again. */
  async refresh(): Promise<this> {
    return this.adopt((await this.api.get(this.auth, this.id)).data);
  }

  /** Reads the provider config. Secrets stay masked unless `unmask: true`; either way they are held as `Secret`s. */
  async getConfig(options: { unmask?: boolean } = {}): Promise<AccountConfig> {
    if (this.credentialsType === 'oauth' && this.api.label === 'account') {
      this.config = AccountConfig.none(this.dataProviderType);
      return this.config;
    }
    const unmask = options.unmask ?? false;
    const { data } = await this.api.getConfig(this.auth, this.id, { dataProviderType: this.dataProviderType, unmask });
    this.config = new AccountConfig(this.dataProviderType, data, { masked: !unmask });
    return this.config;
  }

  /**
   * Changes the config. By default `patch` is merged into the current config (read unmasked first), so fields
   * not named — secrets above all — are kept; `undefined` leaves a field as it is and `null` clears it. With
   * `{ replace: true }` the config becomes exactly `patch`, which must then hold every required field.
   * Checked against the provider before anything is sent; verified afterwards by reading the config back.
   *
   * @throws {DomoInputError} unknown keys, missing required keys, or `{encrypted}` placeholders (nothing is sent)
   * @throws {DomoValidationError} Domo did not keep every field that was sent
   */
  async updateConfig(patch: ConfigInput, options: UpdateConfigOptions = {}): Promise<this> {
    const changes = plainConfig(patch, 'patch');
    const replace = options.replace ?? false;
    checkConfigForProvider(this.dataProviderType, changes, { complete: false });
    const next = replace ? changes : { ...(await this.api.getConfig(this.auth, this.id, { dataProviderType: this.dataProviderType, unmask: true })).data, ...changes };
    checkConfigForProvider(this.dataProviderType, next, { complete: replace });
    await this.api.updateConfig(this.auth, this.id, next, { dataProviderType: this.dataProviderType });
    const { data: stored } = await this.api.getConfig(this.auth, this.id, { dataProviderType: this.dataProviderType, unmask: false });
    const dropped = Object.keys(next).filter((key) => !(key in stored));
    if (dropped.length > 0) {
      throw new DomoValidationError(`updateConfig: ${this.api.label} ${this.id} did not keep ${dropped.join(', ')} after the update`, { route: 'updateConfig', issues: dropped.map((key) => ({ path: key, message: 'missing after update' })) });
    }
    this.config = new AccountConfig(this.dataProviderType, stored, { masked: true });
    return this;
  }

  /** Changes the display name (Domo keeps `name` as it was). */
  async rename(displayName: string): Promise<this> {
    return this.adopt((await this.api.rename(this.auth, this.id, displayName)).data);
  }

  /** Deletes it. The object keeps its last known fields. */
  async delete(): Promise<void> {
    await this.api.delete(this.auth, this.id);
  }

  /** Reads who can use it: `[{ type, id, accessLevel, name }]`. */
  async getAccess(): Promise<AccessEntry[]> {
    this.access = (await this.api.getAccess(this.auth, this.id)).data;
    return this.access;
  }

  /**
   * Shares with a user or a group (default `CAN_VIEW`), or changes their level.
   * @remarks Domo answers 500 when the principal already has exactly that access. On a 500 the access list is
   * read: if it shows the requested level the call succeeds (nothing needed doing); otherwise the 500 stands.
   */
  async share(input: EntityShareInput): Promise<this> {
    const principal = toPrincipal(input);
    const accessLevel = toAccessLevel(input.accessLevel ?? AccessLevel.CAN_VIEW);
    const request = principal.type === 'USER' ? { userId: principal.id, accessLevel } : { groupId: principal.id, accessLevel };
    try {
      await this.api.share(this.auth, this.id, request);
    } catch (error) {
      if (!(error instanceof DomoServerError && error.status === 500) || !(await this.#hasAccess(principal, accessLevel))) throw error;
    }
    return this;
  }

  /** Removes a user's or group's access (`NO_ACCESS`). Removing a principal that has none is not an error. */
  async unshare(principal: SharePrincipal): Promise<this> {
    return this.share({ ...principal, accessLevel: AccessLevel.NO_ACCESS });
  }

  /**
   * Makes `toUserId` an owner, then removes `fromUserId` (default: the authenticated user).
   * @throws {DomoPartialFailureError} the new owner was added but removing the old one failed: both have access
   */
  async transferOwnership(input: { toUserId: number; fromUserId?: number }): Promise<this> {
    const toUserId = checkId(input?.toUserId, 'toUserId', 'transferOwnership');
    const fromUserId = input.fromUserId === undefined ? (this.auth.userId ?? (await this.auth.whoAmI()).id) : checkId(input.fromUserId, 'fromUserId', 'transferOwnership');
    if (toUserId === fromUserId) throw new DomoInputError('transferOwnership: toUserId and fromUserId are the same user', { field: 'toUserId', route: 'transferOwnership' });
    await this.share({ userId: toUserId, accessLevel: AccessLevel.OWNER });
    try {
      await this.unshare({ userId: fromUserId });
    } catch (error) {
      throw new DomoPartialFailureError(
        `transferOwnership: user ${toUserId} is now an owner of ${this.api.label} ${this.id}, but removing user ${fromUserId} failed, so they kept their access (${error instanceof Error ? error.message : String(error)})`,
        [`granted OWNER to user ${toUserId}`], error,
      );
    }
    await this.getAccess();
    return this;
  }

  /** True when the access list shows the principal at exactly `level` (absent, for `NONE`). */
  async #hasAccess(principal: { type: 'USER' | 'GROUP'; id: number }, level: AccessLevel): Promise<boolean> {
    const entry = (await this.getAccess()).find((row) => row.type === principal.type && row.id === principal.id);
    return level === AccessLevel.NO_ACCESS ? entry === undefined : entry?.accessLevel === level;
  }
}
