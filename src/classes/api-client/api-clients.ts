import type { DomoAuth } from '../../auth/base.js';
import { getApiClients } from '../../routes/api-client/core.js';
import { readOwners } from '../owners.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoList, pageOf } from '../list.js';
import { findOneByName, requireOneByName, resolveAmongText } from '../names.js';
import { DomoApiClient, revokeClientVerified } from './api-client.js';

/**
 * The API clients of one instance (`developer-tokens`): Domo lists them all at once (never a secret) and has no read
 * of one, so `get` and `resolve` look in the list; owners are read once for the list. No `create`: the sources
 * disagree on how (domo-api-admin.md §5).
 *
 * @example
 * ```ts
 * const orphans = (await new DomoApiClients(auth).list()).filter((client) => client.owner?.isDeleted);
 * await new DomoApiClients(auth).revoke(orphans);
 * ```
 */
export class DomoApiClients {
  constructor(readonly auth: DomoAuth) {}

  /** Every API client, each with its owner. One page: every client. */
  list(options: CallOptions = {}): DomoList<DomoApiClient> {
    const call = callOptions(options);
    return DomoList.single(async () => pageOf(await this.#read(call)), 'API clients');
  }

  /** One client by id or exact name (case-insensitive). */
  async get(idOrName: string | number, options: CallOptions = {}): Promise<DomoApiClient> {
    return (await this.resolve([idOrName], options))[0]!;
  }

  /** The client named exactly `name`; `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoApiClient | undefined> {
    return findOneByName('API client', await this.#read(callOptions(options)), name, [(c) => c.name]);
  }

  /** Like {@link DomoApiClients.findByName}; none is a `DomoNotFoundError` naming the close ones. */
  async getByName(name: string, options: CallOptions = {}): Promise<DomoApiClient> {
    const clients = await this.#read(callOptions(options));
    return requireOneByName('API client', clients, name, [(c) => c.name], 'DomoApiClients.getByName');
  }

  /**
   * Clients by id or exact name, in order, from one read of the list.
   * @throws {DomoNotFoundError} listing every unknown reference, names with their close matches
   */
  async resolve(refs: readonly (string | number)[], options: CallOptions = {}): Promise<DomoApiClient[]> {
    const clients = await this.#read(callOptions(options));
    return resolveAmongText('API client', clients, refs, (c) => c.name, 'DomoApiClients.resolve');
  }

  /** Revokes clients by id, name or entity, one after another, each proven gone. @returns the ids revoked */
  async revoke(refs: readonly (string | number | DomoApiClient)[], options: CallOptions = {}): Promise<string[]> {
    const call = callOptions(options);
    const clients = await this.resolve(
      refs.map((ref) => (ref instanceof DomoApiClient ? ref.id : ref)),
      call,
    );
    const revoked: string[] = [];
    for (const client of clients) if (await revokeClientVerified(this.auth, client.id, call)) revoked.push(client.id);
    return revoked;
  }

  async #read(call: CallOptions): Promise<DomoApiClient[]> {
    const clients = DomoApiClient.hydrateMany(this.auth, (await getApiClients(this.auth, call)).data);
    const owners = await readOwners(
      this.auth,
      clients.flatMap((c) => (c.ownerId === undefined ? [] : [c.ownerId])),
      call,
    );
    for (const client of clients) if (client.ownerId !== undefined) client.owner = owners.get(client.ownerId);
    return clients;
  }
}
