import type { DomoAuth } from '../../auth/base.js';
import { getOAuthAccounts } from '../../routes/account/oauth.js';
import type { NewAccount } from './account.js';
import { callOptions, type CallOptions } from '../entity.js';
import { findOneByName, requireOneByName, resolveAmong, type NamedRef } from '../names.js';
import { DomoOAuthAccount } from './oauth-account.js';

/** How a template is named: its display name, else its internal name. */
const TEMPLATE_NAMES = [(t: DomoOAuthAccount) => t.displayName, (t: DomoOAuthAccount) => t.name];

/**
 * The OAuth account templates of one instance, with the manager API every family has: list, get, exact name
 * lookups, resolve (ids and names, with close matches for the unknown) and create.
 *
 * @example
 * ```ts
 * const templates = new DomoOAuthAccounts(auth);
 * const [gsheets] = await templates.resolve(['Google Sheets - reporting']);
 * ```
 */
export class DomoOAuthAccounts {
  constructor(readonly auth: DomoAuth) {}

  /** Every template the caller can read (one request). */
  async list(options: CallOptions = {}): Promise<DomoOAuthAccount[]> {
    return DomoOAuthAccount.hydrateMany(this.auth, (await getOAuthAccounts(this.auth, callOptions(options))).data);
  }

  /** One template by id (Domo has no read by id: it is found in the list). */
  get(id: number, options: CallOptions = {}): Promise<DomoOAuthAccount> {
    return DomoOAuthAccount.get(this.auth, id, options);
  }

  /** The template whose display name — or else name — is exactly `name` (case-insensitive); `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoOAuthAccount | undefined> {
    return findOneByName('OAuth template', await this.list(options), name, TEMPLATE_NAMES);
  }

  /** Like {@link DomoOAuthAccounts.findByName}; a missing template is a `DomoNotFoundError` naming the close ones. */
  async getByName(name: string, options: CallOptions = {}): Promise<DomoOAuthAccount> {
    return requireOneByName('OAuth template', await this.list(options), name, TEMPLATE_NAMES, 'getByName');
  }

  /** Templates by id or exact name, in order, from one read; every unknown reference reported at once. */
  async resolve(refs: readonly NamedRef[], options: CallOptions = {}): Promise<DomoOAuthAccount[]> {
    return resolveAmong('OAuth template', await this.list(options), refs, TEMPLATE_NAMES, 'DomoOAuthAccounts.resolve');
  }

  /** Creates a template (see {@link DomoOAuthAccount.create}). */
  create(input: NewAccount & { origin?: string }, options: CallOptions = {}): Promise<DomoOAuthAccount> {
    return DomoOAuthAccount.create(this.auth, input, options);
  }
}
