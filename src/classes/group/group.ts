import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { exclusive } from '../../internal/exclusive.js';
import { checkObject } from '../../internal/input.js';
import { deleteGroups, getGroupById, updateGroup, type GroupChanges } from '../../routes/group/core.js';
import {
  getAllGroupMembers,
  getGroupOwners,
  updateGroupAccess,
  type PrincipalRef,
} from '../../routes/group/members.js';
import type { GroupType, Principal } from '../../routes/group/schemas.js';
import { callOptions, DomoEntity, EpochDate, registerEntity, type CallOptions } from '../entity.js';
import { checkLiveUsers, resolveUserIds, type UserRef } from '../people.js';
import { DomoUser } from '../user/user.js';
import type { MembershipChange } from '../change.js';

export type { MembershipChange } from '../change.js';

/**
 * A group of users. Members and owners are given as user ids, emails or `DomoUser`s (resolved in one batch; an
 * unknown one stops the change before anything is sent). System groups (Domo's) and directory groups (SCIM, the
 * identity provider's) refuse membership edits.
 *
 * @example
 * ```ts
 * const finance = await new DomoGroups(auth).getByName('Finance');
 * await finance.addMembers(['ada@acme.com', 'bo@acme.com']);
 * await finance.setMembers(['ada@acme.com']);   // authoritative: removes everyone else
 * ```
 */
export class DomoGroup extends DomoEntity {
  @Expose() id!: number;
  @Expose() name!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  description!: string;
  @Expose() type!: GroupType;
  /** Members, as of the last read. */
  @Expose() memberCount?: number;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;

  /** Membership managed by Domo (`system`) or the identity provider (`directory`): not editable here. */
  get isManaged(): boolean {
    return this.type === 'system' || this.type === 'directory';
  }

  /** Reads one group. @throws {DomoNotFoundError} no such group */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoGroup> {
    return DomoGroup.hydrate(auth, (await getGroupById(auth, id, callOptions(options))).data);
  }

  /** Reads the group again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await getGroupById(this.auth, this.id, callOptions(options))).data);
  }

  /** Every member (users, including those in member groups), page by page until the total or an empty page. */
  async getMembers(options: CallOptions = {}): Promise<DomoUser[]> {
    return DomoUser.hydrateMany(this.auth, (await getAllGroupMembers(this.auth, this.id, callOptions(options))).data);
  }

  /** The owners: users and groups. */
  async getOwners(options: CallOptions = {}): Promise<Principal[]> {
    return (await getGroupOwners(this.auth, this.id, callOptions(options))).data;
  }

  /** Adds members; those already in are left alone (nothing is sent when all are). */
  async addMembers(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    return this.#changeMembers(users, options, (current, wanted) => ({
      added: wanted.filter((id) => !current.has(id)),
      removed: [],
    }));
  }

  /** Removes members; those not in are left alone. */
  async removeMembers(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    return this.#changeMembers(users, options, (current, wanted) => ({
      added: [],
      removed: wanted.filter((id) => current.has(id)),
    }));
  }

  /**
   * Makes the direct members exactly `users` (authoritative): adds the missing, removes the rest — in one request,
   * after every reference resolved. `[]` empties the group.
   */
  async setMembers(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    return this.#changeMembers(users, { ...options, nobodyIsValid: true }, (current, wanted) => {
      const keep = new Set(wanted);
      return { added: wanted.filter((id) => !current.has(id)), removed: [...current].filter((id) => !keep.has(id)) };
    });
  }

  /** Adds owners (users). */
  async addOwners(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    return this.#changeOwners(users, options, (current, wanted) => ({
      added: wanted.filter((id) => !current.has(id)),
      removed: [],
    }));
  }

  /** Removes owners (users); refuses to remove the last one. */
  async removeOwners(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    return this.#changeOwners(users, options, (current, wanted) => ({
      added: [],
      removed: wanted.filter((id) => current.has(id)),
    }));
  }

  /** Makes the user owners exactly `users` (group owners are kept); refuses an empty list. */
  async setOwners(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    if (Array.isArray(users) && users.length === 0)
      throw new DomoInputError('a group needs at least one owner', { field: 'users', route: 'setOwners' });
    return this.#changeOwners(users, options, (current, wanted) => {
      const keep = new Set(wanted);
      return { added: wanted.filter((id) => !current.has(id)), removed: [...current].filter((id) => !keep.has(id)) };
    });
  }

  /** Changes the name, type or description (`undefined` leaves one as it is); sends nothing when nothing differs. */
  async update(changes: GroupChanges, options: CallOptions = {}): Promise<this> {
    checkObject(changes, 'changes', 'DomoGroup.update', '{ name?, type?, description? }');
    const differing = Object.fromEntries(
      Object.entries(changes).filter(
        ([key, value]) => value !== undefined && (this as unknown as Record<string, unknown>)[key] !== value,
      ),
    ) as GroupChanges;
    if (Object.keys(differing).length === 0) return this;
    await updateGroup(this.auth, this.id, differing, callOptions(options));
    return this.refresh(options);
  }

  /** Deletes the group (system groups cannot be). */
  async delete(options: CallOptions = {}): Promise<void> {
    if (this.type === 'system')
      throw new DomoInputError(`group ${this.id} "${this.name}" is a system group and cannot be deleted`, {
        field: 'id',
        route: 'DomoGroup.delete',
      });
    await deleteGroups(this.auth, [this.id], callOptions(options));
  }

  summary(): string {
    return `DomoGroup #${this.id} ${JSON.stringify(this.name)} ${this.type}${this.memberCount === undefined ? '' : `, ${this.memberCount} members`}`;
  }

  /** Resolve, read, diff and send one change to the direct members, serialised per group. */
  async #changeMembers(
    users: readonly UserRef[],
    options: CallOptions & { nobodyIsValid?: boolean },
    diff: (current: Set<number>, wanted: number[]) => MembershipChange,
  ): Promise<MembershipChange> {
    if (this.isManaged) {
      throw new DomoInputError(
        `group ${this.id} "${this.name}" is a ${this.type} group: its members are managed by ${this.type === 'system' ? 'Domo' : 'the identity provider (SCIM)'}, not here`,
        { field: 'group', route: 'members' },
      );
    }
    const wanted =
      options.nobodyIsValid && isEmptyList(users) ? [] : await resolveUserIds(this.auth, users, callOptions(options));
    return exclusive(`${this.auth.baseUrl}|group:${this.id}`, async () => {
      const current = new Set((await this.#directMembers(options)).map((user) => user.id));
      const change = diff(current, wanted);
      await checkLiveUsers(this.auth, change.added, { ...callOptions(options), route: 'addMembers' });
      await this.#send(change, 'Members', options);
      return change;
    });
  }

  async #changeOwners(
    users: readonly UserRef[],
    options: CallOptions,
    diff: (current: Set<number>, wanted: number[]) => MembershipChange,
  ): Promise<MembershipChange> {
    const wanted = await resolveUserIds(this.auth, users, options);
    return exclusive(`${this.auth.baseUrl}|group:${this.id}`, async () => {
      const owners = await this.getOwners(options);
      const current = new Set(owners.filter((o) => o.type === 'USER').map((o) => o.id));
      const change = diff(current, wanted);
      if (owners.length - change.removed.length + change.added.length < 1)
        throw new DomoInputError(`group ${this.id} would have no owner left`, {
          field: 'users',
          route: 'removeOwners',
        });
      await checkLiveUsers(this.auth, change.added, { ...callOptions(options), route: 'addOwners' });
      await this.#send(change, 'Owners', options);
      return change;
    });
  }

  /**
   * The users that are members in their own right. Domo's member list also shows users who belong through a member
   * group; those cannot be removed one by one, so the raw `userIds` of the group read are used when present.
   */
  async #directMembers(options: CallOptions): Promise<{ id: number }[]> {
    const { data } = await getGroupById(this.auth, this.id, callOptions(options));
    if (Array.isArray(data.userIds)) return data.userIds.map((id) => ({ id }));
    return this.getMembers(options);
  }

  async #send(change: MembershipChange, what: 'Members' | 'Owners', options: CallOptions): Promise<void> {
    if (change.added.length === 0 && change.removed.length === 0) return;
    const users = (ids: number[]): PrincipalRef[] => ids.map((id) => ({ type: 'USER', id }));
    await updateGroupAccess(
      this.auth,
      [
        {
          groupId: this.id,
          ...(change.added.length > 0 ? { [`add${what}`]: users(change.added) } : {}),
          ...(change.removed.length > 0 ? { [`remove${what}`]: users(change.removed) } : {}),
        },
      ],
      callOptions(options),
    );
  }
}

/** `[]`: a valid "nobody" for `setMembers` (resolution itself refuses an empty list). */
function isEmptyList(value: unknown): boolean {
  return Array.isArray(value) && value.length === 0;
}

registerEntity('group', DomoGroup);
