import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { checkId } from '../../internal/input.js';
import { getRoleById } from '../../routes/role/core.js';
import { getUserDetails, updateUser, type UserChanges } from '../../routes/user/core.js';
import { endSession, getSessions } from '../../routes/session/core.js';
import type { Session } from '../../routes/session/schemas.js';
import { DomoPartialFailureError, DomoValidationError } from '../../client/errors.js';
import { groupsWithMember } from '../group/queries.js';
import type { OwnedByUser } from '../ownership.js';
import { isDeletedEmail } from '../deleted.js';
import type { UserRef } from '../people.js';
import type { DomoAccessToken } from '../access-token/access-token.js';
import type { DomoAccessTokens } from '../access-token/access-tokens.js';
import { callOptions, DomoEntity, entityClass, EpochDate, type CallOptions } from '../entity.js';
import type { DomoGroup } from '../group/group.js';
import type { DomoRole, DomoRole as DomoRoleClass } from '../role/role.js';
import type { DomoRoles as DomoRolesClass } from '../role/roles.js';

/**
 * The name of the role a user holds, whatever the read gave: the name itself (v2 reads name it; domo-api-admin.md
 * §6 #3), else the role read by `roleId`, else the user's v3 read. `undefined` only when none of them says.
 * @example
 * ```ts
 * const me = await auth.whoAmI();
 * const role = await roleNameOf(auth, me);   // 'Admin'
 * ```
 */
export async function roleNameOf(
  auth: DomoAuth,
  user: { id: number; role?: string | null | undefined; roleId?: number | null | undefined },
  options: CallOptions = {},
): Promise<string | undefined> {
  if (typeof user.role === 'string' && user.role !== '') return user.role;
  const call = callOptions(options);
  const roleId = user.roleId ?? (await getUserDetails(auth, user.id, call)).data.roleId;
  return roleId === undefined || roleId === null ? undefined : (await getRoleById(auth, roleId, call)).data.name;
}

export { isDeletedEmail };

export type { OwnedByUser } from '../ownership.js';

/**
 * A user of the instance. Every method that takes a user elsewhere (role membership, sharing, groups) accepts a
 * `DomoUser`, its id or its email.
 *
 * @example
 * ```ts
 * const ada = await new DomoUsers(auth).getByEmail('ada@acme.com');
 * await ada.update({ title: 'Staff Analyst' });
 * await ada.setRole(4);
 * ```
 */
export class DomoUser extends DomoEntity {
  @Expose() id!: number;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  displayName!: string;
  /** The email address (Domo's `emailAddress`); deleted users have one ending in `_deleted_<epoch>`. */
  @Expose({ name: 'emailAddress' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  email!: string;
  /** Absent when the user came from a v2 read (they name the role instead: {@link DomoUser.roleName}). */
  @Expose() roleId?: number;
  /** The role's name, when the answer gave it (v2 reads, v3 list rows). {@link DomoUser.role} reads the role either way. */
  @Expose({ name: 'role' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' && value !== '' ? value : undefined), {
    toClassOnly: true,
  })
  roleName?: string;
  @Expose() title?: string | null;
  @Expose() department?: string | null;
  @Expose() phoneNumber?: string | null;
  @Expose() employeeId?: string | null;
  @Expose() @EpochDate() hireDate?: Date;
  @Expose() @EpochDate() lastActivity?: Date;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  /** From the v3 details read; `undefined` when not read. */
  @Expose() active?: boolean | null;

  /**
   * The user's id under the name role membership rows gave it (`role.getMembers()` returned those rows before it
   * returned users).
   * @deprecated use `id`
   */
  get userId(): number {
    return this.id;
  }

  /** True for a deleted user (Domo keeps them, with an email ending in `_deleted_<epoch>`). */
  get isDeleted(): boolean {
    return isDeletedEmail(this.email);
  }

  /** Reads one user with its details. @throws {DomoNotFoundError} no such user */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoUser> {
    return DomoUser.hydrate(auth, (await getUserDetails(auth, id, callOptions(options))).data);
  }

  /** Reads the user again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await getUserDetails(this.auth, this.id, callOptions(options))).data);
  }

  /**
   * Changes fields with patch semantics: `undefined` leaves a field as it is, `null` clears it. Sends nothing when
   * nothing differs from what this object holds. The answer is re-read, not assumed.
   */
  async update(changes: UserChanges, options: CallOptions = {}): Promise<this> {
    const differing = Object.fromEntries(
      Object.entries(changes ?? {}).filter(([key, value]) => value !== undefined && !this.#holds(key, value)),
    ) as UserChanges;
    if (Object.keys(differing).length === 0 && Object.keys(changes ?? {}).length > 0) return this;
    await updateUser(this.auth, this.id, differing, callOptions(options));
    return this.refresh(options);
  }

  /**
   * The role this user holds (a user holds exactly one): by `roleId`, else by the role name a v2 read gave, else
   * from the v3 read of the user.
   */
  async role(options: CallOptions = {}): Promise<DomoRole> {
    // role.ts imports this module (a role's members are users): the role classes are found, not imported
    const DomoRole = entityClass<typeof DomoRoleClass>('role');
    const DomoRoles = entityClass<typeof DomoRolesClass>('roles');
    if (this.roleId !== undefined && this.roleId !== null) return DomoRole.get(this.auth, this.roleId, options);
    if (this.roleName) return new DomoRoles(this.auth).getByName(this.roleName, options);
    const { data } = await getUserDetails(this.auth, this.id, callOptions(options));
    return DomoRole.get(this.auth, checkId(data.roleId, 'roleId', 'DomoUser.role'), options);
  }

  /** Moves the user to another role (by id or `DomoRole`). */
  async setRole(role: number | { id: number }, options: CallOptions = {}): Promise<this> {
    return this.update({ roleId: checkId(typeof role === 'number' ? role : role?.id, 'role', 'setRole') }, options);
  }

  /**
   * The groups this user belongs to (directly or through a member group). Domo's `members` filter is not trusted:
   * every group it returns is re-checked.
   */
  async groups(options: CallOptions = {}): Promise<DomoGroup[]> {
    const Group = entityClass<typeof DomoGroup>('group'); // group.ts imports this module: found, not imported
    return Group.hydrateMany(this.auth, await groupsWithMember(this.auth, this.id, callOptions(options)));
  }

  /**
   * The access tokens this user owns, from the instance's token list (filtered on the client; reading it needs
   * "Manage all access tokens and API clients" or "Manage all company settings").
   */
  async accessTokens(options: CallOptions = {}): Promise<DomoAccessToken[]> {
    const Tokens = entityClass<typeof DomoAccessTokens>('accessTokens'); // it imports this module: found, not imported
    return new Tokens(this.auth).ownedBy(this.id, options);
  }

  /** This user's open sessions (ids, never tokens): the instance's session list, filtered on the client. */
  async sessions(options: CallOptions = {}): Promise<Session[]> {
    return (await getSessions(this.auth, callOptions(options))).data.filter((s) => s.userId === this.id);
  }

  /**
   * Ends every open session of this user (each token stops working), then reads the list again: none may be left.
   * @returns the ids of the sessions ended
   * @throws {DomoValidationError} a session still open after the read-back (one opened meanwhile included)
   * @throws {DomoPartialFailureError} one failed after others were ended: `completed` lists those
   */
  async endSessions(options: CallOptions = {}): Promise<string[]> {
    const call = callOptions(options);
    const ended: string[] = [];
    try {
      for (const session of await this.sessions(call)) {
        await endSession(this.auth, session.id, call);
        ended.push(session.id);
      }
    } catch (error) {
      if (ended.length === 0) throw error;
      throw new DomoPartialFailureError(
        `ending the sessions of user ${this.id}: ${ended.length} ended, then one failed (${error instanceof Error ? error.message : String(error)})`,
        ended.map((id) => `session ${id} of user ${this.id} ended`),
        error,
      );
    }
    const left = await this.sessions(call);
    if (left.length > 0)
      throw new DomoValidationError(`user ${this.id} still has ${left.length} open session(s) after ending them`, {
        route: 'DomoUser.endSessions',
      });
    return ended;
  }

  /**
   * Everything this user owns, one array per type — accounts and OAuth templates (an OWNER share; one access-list
   * read each, 16 at a time), groups (`grouplist`'s owner filter, every row re-checked), datasets, dataflows, beast
   * modes, AppDB collections, alerts, workflows, Code Engine packages, Jupyter workspaces, filesets, cards, pages and
   * App Studio apps (each through the discovery call that works for it, every row re-checked) — and `discovery`:
   * per type, whether it saw everything and how.
   */
  async owned(options: CallOptions = {}): Promise<OwnedByUser> {
    // Loaded on first use: it brings the account and group families, which a user's other reads do not need.
    return (await import('./owned.js')).ownedBy(this.auth, this.id, callOptions(options));
  }

  /**
   * Deletes the user (Domo keeps the record, with a `_deleted_<epoch>` email). Refuses while the user owns
   * accounts, OAuth templates or groups, unless `transferTo` (an id, an email or a `DomoUser`) says who takes them
   * over: ownership moves first (the new owner is added, then this user removed), and the user is deleted only
   * when every transfer is done. `owned` is what {@link owned} returned just before (a preview that showed it): it
   * is not read again.
   * @throws {DomoInputError} the user owns things and no `transferTo` was given, or `transferTo` is this user (nothing is changed)
   * @throws {DomoPartialFailureError} a transfer or the delete failed after some transfers were done: `completed` lists them
   */
  async delete(options: CallOptions & { transferTo?: UserRef; owned?: OwnedByUser } = {}): Promise<void> {
    const owned = options.owned ?? (await this.owned(options));
    await (await import('./owned.js')).deleteOwner(this.auth, this, owned, options);
  }

  summary(): string {
    return `DomoUser #${this.id} ${JSON.stringify(this.displayName)} <${this.email}>${this.isDeleted ? ' (deleted)' : ''}`;
  }

  #holds(key: string, value: unknown): boolean {
    const field = key === 'emailAddress' ? 'email' : key;
    const current = (this as unknown as Record<string, unknown>)[field];
    if (current instanceof Date) return typeof value === 'number' && current.getTime() === value;
    return (current ?? null) === value;
  }
}
