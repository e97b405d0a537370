import type { DomoAuth } from '../../auth/base.js';
import { DomoNotFoundError } from '../../client/errors.js';
import { checkObject } from '../../internal/input.js';
import { createGroup, type CreateGroupInput, type GroupListQuery } from '../../routes/group/core.js';
import { listGroupsChecked } from './queries.js';
import { callOptions, type CallOptions } from '../entity.js';
import { DomoGroup } from './group.js';
import { DomoList, pageOf } from '../list.js';
import { byIdOrName, type UpsertResult } from '../names.js';
import { findGroupByName, resolveGroups, type GroupRef } from '../people.js';

/**
 * The groups of one instance: exact name lookups, listing, create and upsert.
 *
 * @example
 * ```ts
 * const groups = new DomoGroups(auth);
 * const finance = await groups.getByName('finance');   // exact, case-insensitive: never "Finance Analysts"
 * const { entity, action } = await groups.upsert({ name: 'Reviewers', type: 'closed' });
 * ```
 */
export class DomoGroups {
  constructor(readonly auth: DomoAuth) {}

  /** One group by id (read directly) or exact name (case-insensitive; an unknown one names the close ones). */
  get(idOrName: number | string, options: CallOptions = {}): Promise<DomoGroup> {
    return byIdOrName(
      idOrName,
      'DomoGroups.get',
      (id) => DomoGroup.get(this.auth, id, options),
      async (name) => (await this.resolve([name], options))[0] as DomoGroup,
    );
  }

  /**
   * Every group (optionally filtered by owner, member, type or name text), all pages. The filters go to Domo and
   * every row it returns is re-checked here: Domo may ignore them. One page: every group.
   */
  list(options: CallOptions & Omit<GroupListQuery, 'limit' | 'offset'> = {}): DomoList<DomoGroup> {
    const { signal, timeoutMs, ...filters } = options;
    const call = callOptions({ signal, timeoutMs });
    return DomoList.single(
      async () => pageOf(DomoGroup.hydrateMany(this.auth, await listGroupsChecked(this.auth, filters, call))),
      'groups',
    );
  }

  /** The group named exactly `name` (case-insensitive, never a substring); `undefined` when none. */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoGroup | undefined> {
    const group = await findGroupByName(this.auth, name, callOptions(options));
    return group ? DomoGroup.hydrate(this.auth, group) : undefined;
  }

  /** Like {@link DomoGroups.findByName}; a missing group is a `DomoNotFoundError`. */
  async getByName(name: string, options: CallOptions = {}): Promise<DomoGroup> {
    const group = await this.findByName(name, options);
    if (!group)
      throw new DomoNotFoundError({
        status: 404,
        route: 'getByName',
        hint: `no group is named ${JSON.stringify(name)} (exact, case-insensitive)`,
      });
    return group;
  }

  /** Groups by id, exact name or `DomoGroup`, in order. @throws {DomoNotFoundError} listing every unknown one */
  async resolve(refs: readonly GroupRef[], options: CallOptions = {}): Promise<DomoGroup[]> {
    return DomoGroup.hydrateMany(this.auth, await resolveGroups(this.auth, refs, options));
  }

  /** Creates a group owned by the caller. */
  async create(input: CreateGroupInput, options: CallOptions = {}): Promise<DomoGroup> {
    return DomoGroup.hydrate(this.auth, (await createGroup(this.auth, input, callOptions(options))).data);
  }

  /** Makes sure a group named `name` exists with the given type and description (each only when given). */
  async upsert(input: CreateGroupInput, options: CallOptions = {}): Promise<UpsertResult<DomoGroup>> {
    checkObject(input, 'input', 'DomoGroups.upsert', '{ name, type?, description? }');
    const existing = await this.findByName(input.name, options);
    if (!existing) return { entity: await this.create(input, options), action: 'created' };
    const before = JSON.stringify(existing);
    const entity = await existing.update(
      {
        ...(input.type === undefined ? {} : { type: input.type }),
        ...(input.description === undefined ? {} : { description: input.description }),
      },
      options,
    );
    return { entity, action: JSON.stringify(entity) === before ? 'unchanged' : 'updated' };
  }
}
