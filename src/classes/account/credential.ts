import 'reflect-metadata';
import { Expose } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError, DomoPartialFailureError, DomoServerError, DomoValidationError } from '../../client/errors.js';
import { exclusive } from '../../internal/exclusive.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import type { ConfigResponse } from '../../routes/account/config.js';
import type { AccessEntry } from '../../routes/account/schemas.js';
import { AccessLevel, toAccessLevel, toPrincipal, type SharePrincipal } from '../../routes/account/sharing.js';
import type { ConfigValues } from '../../routes/account/input.js';
import { checkObject } from '../../internal/input.js';
import { AccountConfig, checkConfigForProvider, plainConfig, requiredConfigKeys, type ConfigInput } from './config.js';
import { callOptions, DomoEntity, EpochDate, type CallOptions } from '../entity.js';
import type { UpsertResult } from '../names.js';
import type { ShareChange } from '../change.js';
import { checkLiveUsers, resolveGroups, resolveUserIds, type GroupRef, type UserRef } from '../people.js';

export { callOptions, type CallOptions } from '../entity.js';

/** The routes one kind of credential (account or OAuth template) is served by. */
export interface CredentialApi {
  /** `account` or `OAuth account`, for messages. */
  label: string;
  /** `account` or `template`: the key under which read-modify-write calls on one object are serialised. */
  kind: string;
  /** Reads the metadata. */
  get(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<object>>;
  /** Reads the config. */
  getConfig(
    auth: DomoAuth,
    id: number,
    options: RequestOptions & { dataProviderType: string; unmask: boolean },
  ): Promise<ConfigResponse>;
  /** Replaces the config. */
  updateConfig(
    auth: DomoAuth,
    id: number,
    config: ConfigValues,
    options: RequestOptions & { dataProviderType: string },
  ): Promise<unknown>;
  /** Changes the display name. */
  rename(auth: DomoAuth, id: number, name: string, options?: RequestOptions): Promise<DomoResponse<object>>;
  /** Deletes it. */
  delete(auth: DomoAuth, id: number, options?: RequestOptions): Promise<unknown>;
  /** Reads the access list. */
  getAccess(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<AccessEntry[]>>;
  /** Shares (v2 levels; NONE revokes). */
  share(
    auth: DomoAuth,
    id: number,
    input: SharePrincipal & { accessLevel: AccessLevel },
    options?: RequestOptions,
  ): Promise<unknown>;
}

/** A share request on an entity: the access level defaults to `CAN_VIEW`. */
export type EntityShareInput = EntityPrincipal & { accessLevel?: AccessLevel | keyof typeof AccessLevel };

/**
 * Who a share is for: `{ user }` (an id, an email or a `DomoUser`) or `{ group }` (an id, an exact name or a
 * `DomoGroup`) — or, as the routes take them, `{ userId }` / `{ groupId }`.
 */
export type EntityPrincipal =
  SharePrincipal | { user: UserRef; group?: undefined } | { group: GroupRef; user?: undefined };

/** Options of the entities' `get`. */
export interface GetAccountEntityOptions extends CallOptions {
  /** Also read the config (one more request). @default false */
  withConfig?: boolean;
  /** Read the config with secrets in clear text (held as `Secret`s). @default false */
  unmask?: boolean;
}

/** Options of `updateConfig`. */
export interface UpdateConfigOptions extends CallOptions {
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

  /**
   * Who owns it: the OWNER entries of the access list (users and groups), once read (`getAccess()`, or
   * `DomoAccounts.list({ withAccess: true })`); `undefined` before. Not `createdBy`: the creator may have handed it on.
   */
  get owners(): AccessEntry[] | undefined {
    return this.access?.filter((entry) => entry.accessLevel === 'OWNER');
  }

  protected abstract get api(): CredentialApi;

  /** Reads the config of a freshly read entity when `withConfig` asks for it. */
  protected static async withConfigIfAsked<T extends CredentialEntity>(
    entity: T,
    options: GetAccountEntityOptions,
  ): Promise<T> {
    if (options.withConfig) await entity.getConfig({ unmask: options.unmask ?? false, ...callOptions(options) });
    return entity;
  }

  /**
   * The second half of an upsert: leaves this entity alone when its stored config (read unmasked) already equals
   * `config`, else replaces the config with it.
   */
  async settleConfig(config: ConfigValues, options: CallOptions = {}): Promise<UpsertResult<this>> {
    const call = callOptions(options);
    const current = (await this.getConfig({ unmask: true, ...call })).reveal();
    const keys = new Set([...Object.keys(current), ...Object.keys(config)]);
    if ([...keys].every((key) => current[key] === config[key])) return { entity: this, action: 'unchanged' };
    return { entity: await this.updateConfig(config, { replace: true, ...call }), action: 'updated' };
  }

  /** Reads the metadata again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await this.api.get(this.auth, this.id, callOptions(options))).data);
  }

  /** Reads the provider config. Secrets stay masked unless `unmask: true`; either way they are held as `Secret`s. */
  async getConfig(options: CallOptions & { unmask?: boolean } = {}): Promise<AccountConfig> {
    if (this.#storesNoConfig()) {
      this.config = AccountConfig.none(this.dataProviderType);
      return this.config;
    }
    const unmask = options.unmask ?? false;
    const { data } = await this.api.getConfig(this.auth, this.id, {
      dataProviderType: this.dataProviderType,
      unmask,
      ...callOptions(options),
    });
    this.config = new AccountConfig(this.dataProviderType, data, { masked: !unmask });
    return this.config;
  }

  /**
   * Changes the config. By default `patch` is merged into the current config (read unmasked first), so fields
   * not named — secrets above all — are kept; `undefined` leaves a field as it is and `null` clears it. With
   * `{ replace: true }` the config becomes exactly `patch`, which must then hold every required field.
   * Checked against the provider before anything is sent; verified afterwards by reading the config back.
   * Concurrent calls on the same object from this process run one after another, so none loses another's change.
   *
   * @remarks The merge distrusts its read: the unmasked read is compared with a masked one, and an empty or
   * partial answer (a key the provider requires is missing, or fewer keys than the masked read shows) is refused
   * before anything is written, since merging onto it would wipe the fields it lacks.
   * @throws {DomoInputError} unknown keys, missing required keys, or `{encrypted}` placeholders (nothing is sent)
   * @throws {DomoValidationError} the current config read back incomplete (nothing is sent), or Domo did not keep
   * every field that was sent
   * @throws {DomoPartialFailureError} the config was written but reading it back failed
   */
  async updateConfig(patch: ConfigInput, options: UpdateConfigOptions = {}): Promise<this> {
    const changes = plainConfig(patch, 'patch');
    const replace = options.replace ?? false;
    checkConfigForProvider(this.dataProviderType, changes, { complete: false });
    return exclusive(`${this.auth.baseUrl}|${this.api.kind}:${this.id}`, async () => {
      const next = replace ? changes : { ...(await this.#readCompleteConfig(options)), ...changes };
      checkConfigForProvider(this.dataProviderType, next, { complete: replace });
      await this.api.updateConfig(this.auth, this.id, next, {
        dataProviderType: this.dataProviderType,
        ...callOptions(options),
      });
      const stored = await this.#readBack(options);
      const dropped = Object.keys(next).filter((key) => !(key in stored));
      if (dropped.length > 0) {
        throw new DomoValidationError(
          `updateConfig: ${this.api.label} ${this.id} did not keep ${dropped.join(', ')} after the update`,
          { route: 'updateConfig', issues: dropped.map((key) => ({ path: key, message: 'missing after update' })) },
        );
      }
      this.config = new AccountConfig(this.dataProviderType, stored, { masked: true });
      return this;
    });
  }

  /**
   * The current config in clear text, to merge onto — refused when the read looks incomplete. Read unmasked and
   * masked at once: the masked read says which keys exist, the registry which are required.
   */
  async #readCompleteConfig(options: CallOptions): Promise<ConfigValues> {
    const read = (unmask: boolean) =>
      this.api.getConfig(this.auth, this.id, {
        dataProviderType: this.dataProviderType,
        unmask,
        ...callOptions(options),
      });
    const [{ data: clear }, { data: masked }] = await Promise.all([read(true), read(false)]);
    const missingRequired = requiredConfigKeys(this.dataProviderType).filter(
      (key) => clear[key] === undefined || clear[key] === null || clear[key] === '',
    );
    const missingSeen = Object.keys(masked).filter((key) => !(key in clear));
    const missing = [...new Set([...missingRequired, ...missingSeen])];
    if (missing.length > 0) {
      throw new DomoValidationError(
        `updateConfig: the current config of ${this.api.label} ${this.id} read back incomplete (no ${missing.join(', ')}; ${Object.keys(clear).length} key(s) unmasked, ${Object.keys(masked).length} masked); nothing was written, since merging onto it would wipe those fields. Try again, or pass { replace: true } with the whole config`,
        {
          route: 'updateConfig',
          issues: missing.map((key) => ({ path: key, message: 'missing from the unmasked read' })),
        },
      );
    }
    return clear;
  }

  /** The config after a write, masked; a failed read here means the write happened and could not be verified. */
  async #readBack(options: CallOptions): Promise<ConfigValues> {
    try {
      return (
        await this.api.getConfig(this.auth, this.id, {
          dataProviderType: this.dataProviderType,
          unmask: false,
          ...callOptions(options),
        })
      ).data;
    } catch (error) {
      throw new DomoPartialFailureError(
        `updateConfig: the config of ${this.api.label} ${this.id} was written, but reading it back to verify failed (${error instanceof Error ? error.message : String(error)}); check it before writing again`,
        [`wrote the config of ${this.api.label} ${this.id}`],
        error,
      );
    }
  }

  /** Changes the display name (Domo keeps `name` as it was). */
  async rename(displayName: string, options: CallOptions = {}): Promise<this> {
    return this.adopt((await this.api.rename(this.auth, this.id, displayName, callOptions(options))).data);
  }

  /** Deletes it. The object keeps its last known fields. */
  async delete(options: CallOptions = {}): Promise<void> {
    await this.api.delete(this.auth, this.id, callOptions(options));
  }

  /** Reads who can use it: `[{ type, id, accessLevel, name }]`. */
  async getAccess(options: CallOptions = {}): Promise<AccessEntry[]> {
    this.access = (await this.api.getAccess(this.auth, this.id, callOptions(options))).data;
    return this.access;
  }

  /**
   * Shares with a user or a group (default `CAN_VIEW`), or changes their level. The access list is read first:
   * a principal that already has exactly that level is left alone (nothing is sent).
   * @returns what changed: the level given in `added`, the level it replaced in `removed`
   * @remarks Domo answers 500 when the principal already has exactly that access. On a 500 the access list is
   * read: if it shows the requested level the call succeeds (nothing needed doing); otherwise the 500 stands.
   */
  async share(
    input: EntityShareInput,
    options: CallOptions & { knownLive?: readonly number[] } = {},
  ): Promise<ShareChange> {
    const principal = await this.#principal(input, options);
    const accessLevel = toAccessLevel(input.accessLevel ?? AccessLevel.CAN_VIEW);
    const call = callOptions(options);
    return exclusive(`${this.auth.baseUrl}|${this.api.kind}-access:${this.id}`, async () => {
      const before = (await this.getAccess(call)).find((e) => e.type === principal.type && e.id === principal.id);
      const change = shareChange(principal, before?.accessLevel, accessLevel);
      if (change.added.length === 0 && change.removed.length === 0) return change;
      // Domo accepts a deleted user's id; access is never given to one (removing theirs is fine).
      if (principal.type === 'USER' && change.added.length > 0 && !options.knownLive?.includes(principal.id))
        await checkLiveUsers(this.auth, [principal.id], { ...call, route: 'share' });
      const request =
        principal.type === 'USER' ? { userId: principal.id, accessLevel } : { groupId: principal.id, accessLevel };
      try {
        await this.api.share(this.auth, this.id, request, call);
      } catch (error) {
        if (
          !(error instanceof DomoServerError && error.status === 500) ||
          !(await this.#hasAccess(principal, accessLevel, call))
        )
          throw error;
      }
      this.access = this.access?.filter((e) => e !== before);
      if (accessLevel !== AccessLevel.NO_ACCESS) this.access?.push({ ...principal, accessLevel, name: before?.name });
      return change;
    });
  }

  /**
   * Removes a user's or group's access (`NO_ACCESS`). Removing a principal that has none is not an error: the
   * report is empty and nothing is sent.
   */
  async unshare(principal: EntityPrincipal, options: CallOptions = {}): Promise<ShareChange> {
    return this.share({ ...principal, accessLevel: AccessLevel.NO_ACCESS }, options);
  }

  /**
   * Makes `to` (or `toUserId`) an owner, then removes `from` (default: the authenticated user). Users may be ids,
   * emails or `DomoUser`s, resolved before anything is changed.
   * @throws {DomoPartialFailureError} the new owner was added but removing the old one failed: both have access
   */
  async transferOwnership(
    input: { to?: UserRef; from?: UserRef; toUserId?: number; fromUserId?: number },
    options: CallOptions = {},
  ): Promise<this> {
    checkObject(input, 'input', 'transferOwnership', '{ to, from? }');
    const toRef = input.to ?? input.toUserId;
    const fromRef = input.from ?? input.fromUserId;
    if (toRef === undefined)
      throw new DomoInputError('transferOwnership: say who the new owner is (to)', {
        field: 'toUserId',
        route: 'transferOwnership',
      });
    const [resolvedTo, resolvedFrom] = await resolveUserIds(
      this.auth,
      fromRef === undefined ? [toRef] : [toRef, fromRef],
      options,
    );
    const toUserId = resolvedTo as number;
    const fromUserId = resolvedFrom ?? this.auth.userId ?? (await this.auth.whoAmI(callOptions(options))).id;
    if (toUserId === fromUserId)
      throw new DomoInputError('transferOwnership: toUserId and fromUserId are the same user', {
        field: 'toUserId',
        route: 'transferOwnership',
      });
    await this.share({ userId: toUserId, accessLevel: AccessLevel.OWNER }, options);
    try {
      await this.unshare({ userId: fromUserId }, options);
    } catch (error) {
      throw new DomoPartialFailureError(
        `transferOwnership: user ${toUserId} is now an owner of ${this.api.label} ${this.id}, but removing user ${fromUserId} failed, so they kept their access (${error instanceof Error ? error.message : String(error)})`,
        [`granted OWNER to user ${toUserId}`],
        error,
      );
    }
    await this.getAccess(options);
    return this;
  }

  /** The principal of a share request, users and groups resolved by email or name (nothing is sent for ids). */
  async #principal(input: EntityPrincipal, options: CallOptions): Promise<{ type: 'USER' | 'GROUP'; id: number }> {
    const byRef = input as { user?: UserRef; group?: GroupRef };
    if (typeof input !== 'object' || input === null || (byRef.user === undefined && byRef.group === undefined))
      return toPrincipal(input as SharePrincipal);
    if (byRef.user !== undefined && byRef.group !== undefined)
      throw new DomoInputError('give exactly one of user and group', { field: 'group', route: 'share' });
    if (byRef.user !== undefined)
      return { type: 'USER', id: (await resolveUserIds(this.auth, [byRef.user], options))[0] as number };
    return {
      type: 'GROUP',
      id: ((await resolveGroups(this.auth, [byRef.group as GroupRef], options))[0] as { id: number }).id,
    };
  }

  /** OAuth-credential accounts (Google Sheets…) store no config. */
  #storesNoConfig(): boolean {
    return this.credentialsType === 'oauth' && this.api.kind === 'account';
  }

  /** True when the access list shows the principal at exactly `level` (absent, for `NONE`). */
  async #hasAccess(
    principal: { type: 'USER' | 'GROUP'; id: number },
    level: AccessLevel,
    options: CallOptions,
  ): Promise<boolean> {
    const entry = (await this.getAccess(options)).find((row) => row.type === principal.type && row.id === principal.id);
    return level === AccessLevel.NO_ACCESS ? entry === undefined : entry?.accessLevel === level;
  }
}

/** The report of moving `principal` from level `before` (none when `undefined`) to `after`. */
function shareChange(
  principal: { type: 'USER' | 'GROUP'; id: number },
  before: string | undefined,
  after: string,
): ShareChange {
  const had = before !== undefined && before !== AccessLevel.NO_ACCESS;
  if ((had ? before : AccessLevel.NO_ACCESS) === after) return { added: [], removed: [] };
  return {
    added: after === AccessLevel.NO_ACCESS ? [] : [{ ...principal, accessLevel: after }],
    removed: had ? [{ ...principal, accessLevel: before }] : [],
  };
}
