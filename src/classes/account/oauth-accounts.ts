import type { DomoAuth } from '../../auth/base.js';
import { getOAuthAccounts } from '../../routes/account/oauth.js';
import type { NewAccount } from './account.js';
import { callOptions, type CallOptions } from '../entity.js';
import {
  byIdOrName,
  findOneByName,
  requireOneByName,
  resolveAmong,
  type NamedRef,
  type UpsertResult,
} from '../names.js';
import { checkObject } from '../../internal/input.js';
import { checkProviderType } from '../../routes/account/input.js';
import { newConfig } from './config.js';
import { DomoOAuthAccount } from './oauth-account.js';
import { DomoList, pageOf } from '../list.js';

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

  /** Every template the caller can read (one request, one page). */
  list(options: CallOptions = {}): DomoList<DomoOAuthAccount> {
    return DomoList.single(async () => {
      const { data } = await getOAuthAccounts(this.auth, callOptions(options));
      return pageOf(DomoOAuthAccount.hydrateMany(this.auth, data));
    }, 'OAuth templates');
  }

  /** One template by id (read directly) or exact name (case-insensitive; an unknown one names the close ones). */
  get(idOrName: number | string, options: CallOptions = {}): Promise<DomoOAuthAccount> {
    return byIdOrName(
      idOrName,
      'DomoOAuthAccounts.get',
      (id) => DomoOAuthAccount.get(this.auth, id, options),
      async (name) => (await this.resolve([name], options))[0] as DomoOAuthAccount,
    );
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

  /**
   * Makes sure a template named `name` (display name, else name; of that provider) exists with exactly `config`:
   * creates it, replaces its config, or leaves it alone when the stored config already equals `config`.
   * @throws {DomoAmbiguousNameError} two templates of that provider have the name
   */
  async upsert(
    input: NewAccount & { origin?: string },
    options: CallOptions = {},
  ): Promise<UpsertResult<DomoOAuthAccount>> {
    checkObject(input, 'input', 'DomoOAuthAccounts.upsert', '{ name, dataProviderType, config, origin? }');
    const type = checkProviderType(input.dataProviderType, 'upsert');
    const config = newConfig(type, input.config);
    const call = callOptions(options);
    const ofType = (await this.list(call)).filter((template) => template.dataProviderType === type);
    const existing = findOneByName('OAuth template', ofType, input.name, TEMPLATE_NAMES);
    if (existing) return existing.settleConfig(config, call);
    return { entity: await this.create({ ...input, dataProviderType: type, config }, call), action: 'created' };
  }
}
