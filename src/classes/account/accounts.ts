import type { DomoAuth } from '../../auth/base.js';
import { mapConcurrent, type Progress } from '../../client/concurrency.js';
import { DomoAbortError } from '../../client/errors.js';
import { checkConcurrency } from '../../internal/input.js';
import { getAccountConfig } from '../../routes/account/config.js';
import { getAccounts, getAvailableDataProviders } from '../../routes/account/core.js';
import { getOAuthAccounts } from '../../routes/account/oauth.js';
import type { DataProvider } from '../../routes/account/schemas.js';
import { checkProviderType } from '../../routes/account/input.js';
import { AccountConfig } from './config.js';
import { DomoAccount, type GetAccountEntityOptions, type NewAccount } from './account.js';
import { callOptions, type CallOptions } from './credential.js';
import { byIdOrName, notFoundByName, resolveAmong, type NamedRef, type UpsertResult } from '../names.js';
import { DomoOAuthAccount } from './oauth-account.js';
import { DomoList, DomoPage } from '../list.js';

/** Options of {@link DomoAccounts.list}. */
export interface ListAccountsOptions extends CallOptions {
  /** Read every account's config too: one request per account, `concurrency` at a time. @default false */
  withConfig?: boolean;
  /** Read configs with secrets in clear text (held as `Secret`s). @default false */
  unmask?: boolean;
  /**
   * Read every account's access list too (one request per account), so that `account.owners` is known: the list
   * row's `userId` is the account's creator, not its owner. @default false
   */
  withAccess?: boolean;
  /** Config and access requests in flight at most (per account, its reads run one after the other). @default 32 */
  concurrency?: number;
  /** Called after each account's reads. */
  onProgress?: (progress: Progress) => void;
  /** Only accounts of this provider type. */
  dataProviderType?: string;
}

/** An account whose config (or access list) could not be read, and why. */
export interface FailedAccount {
  account: DomoAccount;
  error: unknown;
}

/**
 * What {@link DomoAccounts.list} returns: an array of every account (those whose config read failed have no
 * `config`), with `failed` listing those failures and `accounts` naming the array itself, so both
 * `for (const a of await accounts.list())` and `const { accounts, failed } = await accounts.list()` read well.
 * `failed` is not enumerable: `console.table` and `JSON.stringify` show the accounts only.
 */
export class AccountList extends DomoPage<DomoAccount, FailedAccount> {
  /** Wraps accounts and their failures. */
  static create(accounts: readonly DomoAccount[], failed: FailedAccount[]): AccountList {
    return DomoPage.fill(new AccountList(), accounts, failed);
  }

  /** The accounts (this array). */
  get accounts(): DomoAccount[] {
    return this;
  }
}

/**
 * The accounts of one instance: listing (with configs, bounded and observable), exact name lookups, upserts.
 *
 * @example
 * ```ts
 * const accounts = new DomoAccounts(auth);
 * const { accounts: all, failed } = await accounts.list({ withConfig: true, concurrency: 32 });
 * const creds = await accounts.getByName('domo_creds');
 * ```
 */
export class DomoAccounts {
  constructor(readonly auth: DomoAuth) {}

  /**
   * Every account the caller can read. One list request carries the metadata; `withConfig` adds one config
   * request per account (none for OAuth-credential accounts, which store no config). A failed config read
   * does not stop the others: it is reported in `failed`.
   * Awaited, the list is an {@link AccountList} (one page: everything).
   * @throws {DomoAbortError} `signal` aborted, before or during the config reads (never a partial list)
   */
  list(options: ListAccountsOptions = {}): DomoList<DomoAccount, AccountList> {
    return DomoList.single(() => this.#list(options), 'accounts');
  }

  async #list(options: ListAccountsOptions): Promise<AccountList> {
    const type =
      options.dataProviderType === undefined ? undefined : checkProviderType(options.dataProviderType, 'list');
    const concurrency = checkConcurrency(options.concurrency ?? 32, 'DomoAccounts.list');
    const call = callOptions(options);
    const { data } = await getAccounts(this.auth, call);
    const rows = type ? data.filter((row) => row.dataProviderType === type) : data;
    if (!options.withConfig && !options.withAccess)
      return AccountList.create(DomoAccount.hydrateMany(this.auth, rows), []);
    const unmask = options.unmask ?? false;
    // Reads start while the list is still being hydrated: each worker hydrates the next row, then reads.
    const accounts = new Array<DomoAccount>(rows.length);
    const results = await mapConcurrent(
      rows,
      concurrency,
      async (row, index) => {
        const account = (accounts[index] = DomoAccount.hydrate(this.auth, row));
        if (options.withConfig) await this.#loadConfig(account, unmask, call);
        if (options.withAccess) await account.getAccess(call);
      },
      { onProgress: options.onProgress, signal: options.signal },
    );
    if (options.signal?.aborted) {
      const done = results.filter((result) => result.ok).length;
      throw new DomoAbortError(`DomoAccounts.list was aborted after ${done} of ${rows.length} accounts were read`, {
        route: 'DomoAccounts.list',
      });
    }
    return AccountList.create(
      accounts,
      results.flatMap((result) =>
        result.ok ? [] : [{ account: accounts[result.index] as DomoAccount, error: result.error }],
      ),
    );
  }

  async #loadConfig(account: DomoAccount, unmask: boolean, call: CallOptions): Promise<void> {
    if (account.credentialsType === 'oauth') {
      account.config = AccountConfig.none(account.dataProviderType);
      return;
    }
    const { data } = await getAccountConfig(this.auth, account.id, {
      dataProviderType: account.dataProviderType,
      unmask,
      ...call,
    });
    account.config = new AccountConfig(account.dataProviderType, data, { masked: !unmask });
  }

  /** Every OAuth account template the caller can read. */
  async listOAuth(options: CallOptions = {}): Promise<DomoOAuthAccount[]> {
    const { data } = await getOAuthAccounts(this.auth, callOptions(options));
    return DomoOAuthAccount.hydrateMany(this.auth, data);
  }

  /** One account by id. */
  /**
   * One account by id (read directly) or exact name (case-insensitive; an unknown one names the close ones), with
   * its config when asked.
   */
  get(idOrName: number | string, options?: GetAccountEntityOptions): Promise<DomoAccount> {
    const byId = (id: number) => DomoAccount.get(this.auth, id, options);
    return byIdOrName(idOrName, 'DomoAccounts.get', byId, async (name) => {
      const [account] = await this.resolve([name], callOptions(options ?? {}));
      return options?.withConfig ? byId((account as DomoAccount).id) : (account as DomoAccount);
    });
  }

  /**
   * The account whose display name — or else whose name — equals `name` (case-insensitive, never a substring),
   * optionally of one provider type; `undefined` when none.
   * @throws {DomoAmbiguousNameError} two or more match; the error lists them
   */
  findByName(
    name: string,
    options: CallOptions & { dataProviderType?: string } = {},
  ): Promise<DomoAccount | undefined> {
    return DomoAccount.findByName(this.auth, name, options);
  }

  /**
   * Accounts by id or exact display name (else name), in order, from one read of the list (the accounts the caller
   * can see). Every unknown reference is reported at once, each name with its close matches.
   * @throws {DomoNotFoundError} listing every unknown account
   */
  async resolve(refs: readonly NamedRef[], options: CallOptions = {}): Promise<DomoAccount[]> {
    const { accounts } = await this.list(callOptions(options));
    return resolveAmong('account', accounts, refs, [(a) => a.displayName, (a) => a.name], 'DomoAccounts.resolve');
  }

  /** Creates an account (see {@link DomoAccount.create}, which this is the manager's name for). */
  create(input: NewAccount, options: CallOptions = {}): Promise<DomoAccount> {
    return DomoAccount.create(this.auth, input, options);
  }

  /** Like {@link DomoAccounts.findByName}, but a missing account is a `DomoNotFoundError`. */
  async getByName(name: string, options: CallOptions & { dataProviderType?: string } = {}): Promise<DomoAccount> {
    const account = await this.findByName(name, options);
    if (!account) throw notFoundByName('account', name, 'getByName');
    return account;
  }

  /**
   * Makes sure an account named `name` (of that provider) exists with exactly `config`: creates it, replaces
   * its config, or leaves it alone when the stored config already equals `config`.
   */
  upsert(input: NewAccount, options: CallOptions = {}): Promise<UpsertResult<DomoAccount>> {
    return DomoAccount.upsert(this.auth, input, options);
  }

  /** Every data provider the instance knows. */
  async dataProviders(options: CallOptions = {}): Promise<DataProvider[]> {
    return (await getAvailableDataProviders(this.auth, callOptions(options))).data;
  }
}
