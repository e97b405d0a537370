import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError, DomoPartialFailureError, DomoValidationError } from '../../client/errors.js';
import { exclusive } from '../../internal/exclusive.js';
import { checkId, checkName, checkObject } from '../../internal/input.js';
import {
  addRoleMembers,
  createRole,
  deleteRole,
  getDefaultRole,
  getRoleById,
  getRoleGrants,
  getRoleMembership,
  getRoles,
  setDefaultRole,
  setRoleGrants,
  updateRoleMetadata,
} from '../../routes/role/index.js';
import { checkGrantList } from '../../routes/role/grants.js';
import type { RoleMember } from '../../routes/role/schemas.js';
import { callOptions, DomoEntity, EpochDate, registerEntity, type CallOptions } from '../entity.js';
import { DomoUser } from '../user/user.js';
import type { MembershipChange } from '../change.js';
import { resolveUserIds, type UserRef } from '../people.js';
import { DomoGrant, grantCatalogue, validateGrants } from './grant.js';

/** The highest id of Domo's five system roles (Admin, Privileged, Editor, Participant, Social). */
export const LAST_SYSTEM_ROLE_ID = 5;

/** What a new role needs. */
export interface NewRole {
  name: string;
  description?: string;
  /** Start from this role's grants. */
  fromRoleId?: number;
  /** Set exactly these grants (checked against the catalogue before the role is created). */
  grants?: readonly string[];
}

/**
 * A role: a named set of grants that every user holds exactly one of.
 *
 * @example
 * ```ts
 * const role = await DomoRole.get(auth, 108369421);
 * await role.addGrants(['dataset.export']);
 * await role.addMembers([123, 456]);   // moves them from their current role
 * ```
 */
export class DomoRole extends DomoEntity {
  @Expose() id!: number;
  @Expose() name!: string;
  @Expose()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true })
  description!: string;
  /** How many grants it has, as of the last read. */
  @Expose() authorityCount?: number;
  /** How many users hold it, as of the last read. */
  @Expose() userCount?: number;
  @Expose({ name: 'created' }) @EpochDate() createdAt?: Date;
  @Expose({ name: 'modified' }) @EpochDate() modifiedAt?: Date;
  /** Whether new users get this role; known after `DomoRoles.list()`, `getDefault()` or `setAsDefault()`. */
  declare isDefault?: boolean;
  /** The grants, once read (`getGrants()`) or set. */
  declare grants?: string[];

  /** One of Domo's five system roles (ids 1–5), which cannot be deleted. */
  get isSystemRole(): boolean {
    return this.id <= LAST_SYSTEM_ROLE_ID;
  }

  /** Reads one role. @throws {DomoNotFoundError} no such role */
  static async get(auth: DomoAuth, id: number, options: CallOptions = {}): Promise<DomoRole> {
    return DomoRole.hydrate(auth, (await getRoleById(auth, id, callOptions(options))).data);
  }

  /**
   * Creates a role, optionally copying another's grants (`fromRoleId`) or setting exactly `grants`
   * (validated against the catalogue before anything is created).
   * @throws {DomoPartialFailureError} the role was created but setting its grants failed
   */
  static async create(auth: DomoAuth, input: NewRole, options: CallOptions = {}): Promise<DomoRole> {
    checkObject(input, 'input', 'DomoRole.create', '{ name, description?, fromRoleId?, grants? }');
    const call = callOptions(options);
    const grants =
      input.grants === undefined
        ? undefined
        : validateGrants(await grantCatalogue(auth, call), input.grants, 'DomoRole.create');
    const { data } = await createRole(
      auth,
      {
        name: input.name,
        ...(input.description === undefined ? {} : { description: input.description }),
        ...(input.fromRoleId === undefined ? {} : { fromRoleId: input.fromRoleId }),
      },
      call,
    );
    const role = await DomoRole.get(auth, data.id, call);
    if (!grants) return role;
    try {
      return await role.setGrants(grants, call);
    } catch (error) {
      throw new DomoPartialFailureError(
        `role ${role.id} "${role.name}" was created, but setting its grants failed`,
        [`created role ${role.id}`],
        error,
      );
    }
  }

  /** Reads the role again. */
  async refresh(options: CallOptions = {}): Promise<this> {
    return this.adopt((await getRoleById(this.auth, this.id, callOptions(options))).data);
  }

  /** Reads the grants, described from the (cached) catalogue. */
  async getGrants(options: CallOptions = {}): Promise<DomoGrant[]> {
    const call = callOptions(options);
    const [{ data: ids }, catalogue] = await Promise.all([
      getRoleGrants(this.auth, this.id, call),
      grantCatalogue(this.auth, call),
    ]);
    this.#withGrants(ids);
    const byId = new Map(catalogue.map((grant) => [grant.id, grant]));
    return ids.map((id) => byId.get(id) ?? DomoGrant.hydrate(this.auth, { authority: id }));
  }

  /**
   * Replaces the grants with exactly `grants`. Every name is checked against the catalogue first: unknown
   * names (with close matches) and missing dependencies are a `DomoInputError`, and nothing is sent.
   */
  async setGrants(grants: readonly string[], options: CallOptions = {}): Promise<this> {
    const call = callOptions(options);
    const list = validateGrants(await grantCatalogue(this.auth, call), grants);
    return this.#exclusive(() => this.#replaceGrants(list, call));
  }

  /**
   * Adds grants (read, modify, write); sends nothing when they are all there already. Concurrent calls on this
   * role from this process run one after another, so none loses another's change.
   * @throws {DomoValidationError} the grants read disagreed with the role's grant count (nothing is sent)
   */
  async addGrants(grants: readonly string[], options: CallOptions = {}): Promise<this> {
    return this.#modifyGrants(grants, 'addGrants', options, (current, adding, catalogue) =>
      validateGrants(catalogue, [...current, ...adding], 'addGrants', { held: current }),
    );
  }

  /**
   * Removes grants (read, modify, write); sends nothing when none of them is held. Serialised like `addGrants`.
   * @throws {DomoValidationError} the grants read disagreed with the role's grant count (nothing is sent)
   */
  async removeGrants(grants: readonly string[], options: CallOptions = {}): Promise<this> {
    return this.#modifyGrants(grants, 'removeGrants', options, (current, removingList, catalogue) => {
      const removing = new Set(
        validateGrants(catalogue, removingList, 'removeGrants', { held: current, dependencies: false }),
      );
      const kept = current.filter((grant) => !removing.has(grant));
      return kept.length === current.length
        ? current
        : validateGrants(catalogue, kept, 'removeGrants', { held: current });
    });
  }

  /**
   * One read-modify-write of the grants, serialised per role: checks the names, reads the current grants (refusing
   * a suspicious read), computes the new list, and writes it only when it differs.
   */
  async #modifyGrants(
    grants: readonly string[],
    route: string,
    options: CallOptions,
    next: (current: string[], named: string[], catalogue: DomoGrant[]) => string[],
  ): Promise<this> {
    const call = callOptions(options);
    const named = checkGrantList(grants, route);
    const catalogue = await grantCatalogue(this.auth, call);
    return this.#exclusive(async () => {
      const current = await this.#currentGrants(call);
      const wanted = next(current, named, catalogue);
      if (sameGrants(wanted, current)) return this.#withGrants(current);
      return this.#replaceGrants(wanted, call);
    });
  }

  /**
   * The users holding this role, as `DomoUser`s (id, name, email and the profile fields the membership read gives;
   * `user.refresh()` reads the rest).
   */
  async getMembers(options: CallOptions = {}): Promise<DomoUser[]> {
    const { data } = await getRoleMembership(this.auth, this.id, callOptions(options));
    return DomoUser.hydrateMany(this.auth, data.map(memberAsUser));
  }

  /**
   * Moves users (ids, emails or `DomoUser`s) into this role; they leave the one they held. Serialised with the other
   * changes to this role. An unknown email stops the move before anything is sent; users who already hold the role
   * are left alone (nothing is sent when all do).
   * @returns the users moved in (`added`)
   */
  async addMembers(users: readonly UserRef[], options: CallOptions = {}): Promise<MembershipChange> {
    // A deleted user is refused a role (Domo accepts their id silently); emails only ever find live users.
    const ids = await resolveUserIds(this.auth, users, { ...options, route: 'addMembers', live: true });
    const call = callOptions(options);
    return this.#exclusive(async () => {
      const members = new Set((await getRoleMembership(this.auth, this.id, call)).data.map((m) => m.userId));
      const added = [...new Set(ids)].filter((id) => !members.has(id));
      if (added.length > 0) await addRoleMembers(this.auth, this.id, added, call);
      return { added, removed: [] };
    });
  }

  /**
   * Moves members out of this role into `toRoleId` (default: the instance's default role). Refuses users who
   * do not hold this role, and a target that is this role.
   * @returns the users moved out (`removed`)
   */
  async removeMembers(
    users: readonly UserRef[],
    options: CallOptions & { toRoleId?: number } = {},
  ): Promise<MembershipChange> {
    const call = callOptions(options);
    const ids = await resolveUserIds(this.auth, users, { ...call, route: 'removeMembers' });
    const toRoleId =
      options.toRoleId === undefined
        ? (await getDefaultRole(this.auth, call)).data
        : checkId(options.toRoleId, 'toRoleId', 'removeMembers');
    if (toRoleId === this.id) {
      throw new DomoInputError(
        `removeMembers: role ${this.id} is the ${options.toRoleId === undefined ? 'default role' : 'target'}; give toRoleId to say where the users go`,
        { field: 'toRoleId', route: 'removeMembers' },
      );
    }
    return this.#exclusive(async () => {
      const members = new Set((await getRoleMembership(this.auth, this.id, call)).data.map((m) => m.userId));
      const strangers = ids.filter((id) => !members.has(id));
      if (strangers.length > 0)
        throw new DomoInputError(`removeMembers: users ${strangers.join(', ')} do not hold role ${this.id}`, {
          field: 'userIds',
          route: 'removeMembers',
        });
      const removed = [...new Set(ids)];
      await addRoleMembers(this.auth, toRoleId, removed, call);
      return { added: [], removed };
    });
  }

  /**
   * Changes the name and/or description. `undefined` leaves a field as it is; `null` clears the description.
   * Sends nothing when nothing changes.
   */
  async update(changes: { name?: string; description?: string | null }, options: CallOptions = {}): Promise<this> {
    checkObject(changes, 'changes', 'DomoRole.update', '{ name?, description? }');
    const name = changes.name === undefined ? this.name : checkName(changes.name, 'name', 'update');
    const description = changes.description === undefined ? this.description : (changes.description ?? '');
    if (name === this.name && description === this.description) return this;
    return this.adopt((await updateRoleMetadata(this.auth, this.id, { name, description }, callOptions(options))).data);
  }

  /** Makes this the role new users get. */
  async setAsDefault(options: CallOptions = {}): Promise<this> {
    await setDefaultRole(this.auth, this.id, callOptions(options));
    this.isDefault = true;
    return this;
  }

  /**
   * Deletes the role. Refuses system roles and the default role, and a role with members unless
   * `reassignTo` names the role they move to first.
   * @throws {DomoInputError} a refusal (nothing is changed)
   * @throws {DomoPartialFailureError} the members were moved to `reassignTo` but the delete failed
   */
  async delete(options: CallOptions & { reassignTo?: number } = {}): Promise<void> {
    const call = callOptions(options);
    if (this.isSystemRole)
      throw new DomoInputError(`role ${this.id} "${this.name}" is a system role and cannot be deleted`, {
        field: 'id',
        route: 'DomoRole.delete',
      });
    const target =
      options.reassignTo === undefined ? undefined : checkId(options.reassignTo, 'reassignTo', 'DomoRole.delete');
    if (target === this.id)
      throw new DomoInputError('reassignTo must be another role', { field: 'reassignTo', route: 'DomoRole.delete' });
    if ((await getDefaultRole(this.auth, call)).data === this.id) {
      throw new DomoInputError(
        `role ${this.id} "${this.name}" is the default role; make another role the default first`,
        { field: 'id', route: 'DomoRole.delete' },
      );
    }
    await this.#exclusive(async () => {
      const members = (await getRoleMembership(this.auth, this.id, call)).data.map((member) => member.userId);
      if (members.length > 0 && target === undefined) {
        throw new DomoInputError(
          `role ${this.id} "${this.name}" has ${members.length} member(s); pass { reassignTo: roleId } to move them first`,
          { field: 'reassignTo', route: 'DomoRole.delete' },
        );
      }
      if (members.length > 0 && target !== undefined) await addRoleMembers(this.auth, target, members, call);
      try {
        await deleteRole(this.auth, this.id, call);
      } catch (error) {
        if (members.length === 0) throw error;
        throw new DomoPartialFailureError(
          `role ${this.id} "${this.name}": its ${members.length} member(s) were moved to role ${target}, but deleting the role failed (${error instanceof Error ? error.message : String(error)})`,
          [`moved users ${members.join(', ')} from role ${this.id} to role ${target}`],
          error,
        );
      }
    });
  }

  /**
   * Copies this role into another instance: its grants and description. A role there of the same name (exact,
   * case-insensitive; or `name`) gets them, its members kept; otherwise one is created. The grants are checked
   * against the target's catalogue before anything is sent there.
   * @returns the role in the target instance
   * @throws {DomoInputError} a grant the target does not know, or a system role there (nothing is sent)
   * @throws {DomoValidationError} this role read no grants and the target role has some: replacing them with
   * nothing is refused
   * @example
   * ```ts
   * const inProd = await (await roles.getByName('Finance Editors')).copyTo(prodAuth);
   * ```
   */
  async copyTo(target: DomoAuth, options: CallOptions & { name?: string } = {}): Promise<DomoRole> {
    const call = callOptions(options);
    const grants = (await this.getGrants(call)).map((grant) => grant.id);
    const name = options.name === undefined ? this.name : checkName(options.name, 'name', 'DomoRole.copyTo');
    validateGrants(await grantCatalogue(target, call), grants, 'DomoRole.copyTo');
    const { data: roles } = await getRoles(target, call);
    const found = roles.find((role) => role.name.toLowerCase() === name.toLowerCase());
    if (!found) return DomoRole.create(target, { name, description: this.description, grants }, call);
    const existing = DomoRole.hydrate(target, found);
    if (existing.isSystemRole)
      throw new DomoInputError(
        `"${existing.name}" is a system role in ${target.instance}: its grants are not replaced`,
        {
          field: 'name',
          route: 'DomoRole.copyTo',
        },
      );
    if (grants.length === 0 && (found.authorityCount ?? 1) > 0)
      throw new DomoValidationError(
        `role "${this.name}" read no grants: "${existing.name}" in ${target.instance} keeps its own (nothing was sent)`,
        { route: 'DomoRole.copyTo', issues: [] },
      );
    await existing.update({ description: this.description }, call);
    return existing.setGrants(grants, call);
  }

  summary(): string {
    const flags = [this.isSystemRole ? 'system' : '', this.isDefault ? 'default' : ''].filter(Boolean);
    const counts =
      this.authorityCount === undefined ? '' : ` ${this.authorityCount} grants, ${this.userCount ?? '?'} users`;
    return `DomoRole #${this.id} ${JSON.stringify(this.name)}${counts}${flags.length ? ` (${flags.join(', ')})` : ''}`;
  }

  async #replaceGrants(list: string[], call: CallOptions): Promise<this> {
    await setRoleGrants(this.auth, this.id, list, call);
    return this.#withGrants(list);
  }

  /**
   * The grants as they are now, for a read-modify-write — refused when the read disagrees with the role's own
   * `authorityCount` (read at the same moment): replacing 21 grants on the strength of an empty answer would
   * wipe them.
   */
  async #currentGrants(call: CallOptions): Promise<string[]> {
    const [{ data: role }, { data: grants }] = await Promise.all([
      getRoleById(this.auth, this.id, call),
      getRoleGrants(this.auth, this.id, call),
    ]);
    this.adopt(role);
    if (role.authorityCount !== undefined && role.authorityCount !== grants.length) {
      throw new DomoValidationError(
        `role ${this.id} "${role.name}": the grants read shows ${grants.length} grant(s) but the role says it has ${role.authorityCount}; nothing was changed, since writing on that read could drop grants. Try again`,
        {
          route: 'getRoleGrants',
          issues: [{ path: '', message: `expected ${role.authorityCount} grants, got ${grants.length}` }],
        },
      );
    }
    return grants;
  }

  /** Runs a read-modify-write on this role after any other in this process has finished. */
  #exclusive<T>(work: () => Promise<T>): Promise<T> {
    return exclusive(`${this.auth.baseUrl}|role:${this.id}`, work);
  }

  #withGrants(grants: string[]): this {
    this.grants = grants;
    this.authorityCount = grants.length;
    return this;
  }
}

function sameGrants(a: readonly string[], b: readonly string[]): boolean {
  const held = new Set(b);
  return a.length === b.length && a.every((grant) => held.has(grant));
}

registerEntity('role', DomoRole);

/** A membership row in the shape a `DomoUser` is read from. */
function memberAsUser(member: RoleMember): Record<string, unknown> {
  const { userId, email, ...rest } = member;
  return { ...rest, id: userId, emailAddress: email ?? '' };
}
