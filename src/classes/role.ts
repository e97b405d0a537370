import 'reflect-metadata';
import { Expose, Transform } from 'class-transformer';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError, DomoPartialFailureError } from '../client/errors.js';
import { checkId, checkIds, checkName, checkObject } from '../routes/internal/input.js';
import {
  addRoleMembers, checkGrantList, createRole, deleteRole, getDefaultRole, getRoleById, getRoleGrants, getRoleMembership,
  setDefaultRole, setRoleGrants, updateRoleMetadata,
} from '../routes/role.js';
import type { RoleMember } from '../routes/role-schemas.js';
import { DomoEntity, EpochDate } from './entity.js';
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
  @Expose() @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value : ''), { toClassOnly: true }) description!: string;
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
  static async get(auth: DomoAuth, id: number): Promise<DomoRole> {
    return DomoRole.hydrate(auth, (await getRoleById(auth, id)).data);
  }

  /**
   * Creates a role, optionally copying another's grants (`fromRoleId`) or setting exactly `grants`
   * (validated against the catalogue before anything is created).
   * @throws {DomoPartialFailureError} the role was created but setting its grants failed
   */
  static async create(auth: DomoAuth, input: NewRole): Promise<DomoRole> {
    checkObject(input, 'input', 'DomoRole.create', '{ name, description?, fromRoleId?, grants? }');
    const grants = input.grants === undefined ? undefined : validateGrants(await grantCatalogue(auth), input.grants, 'DomoRole.create');
    const { data } = await createRole(auth, { name: input.name, ...(input.description === undefined ? {} : { description: input.description }), ...(input.fromRoleId === undefined ? {} : { fromRoleId: input.fromRoleId }) });
    const role = await DomoRole.get(auth, data.id);
    if (!grants) return role;
    try {
      return await role.setGrants(grants);
    } catch (error) {
      throw new DomoPartialFailureError(`role ${role.id} "${role.name}" was created, but setting its grants failed`, [`created role ${role.id}`], error);
    }
  }

  /** Reads the role again. */
  async refresh(): Promise<this> {
    return this.adopt((await getRoleById(this.auth, this.id)).data);
  }

  /** Reads the grants, described from the (cached) catalogue. */
  async getGrants(): Promise<DomoGrant[]> {
    const [{ data: ids }, catalogue] = await Promise.all([getRoleGrants(this.auth, this.id), grantCatalogue(this.auth)]);
    this.#withGrants(ids);
    const byId = new Map(catalogue.map((grant) => [grant.id, grant]));
    return ids.map((id) => byId.get(id) ?? DomoGrant.hydrate(this.auth, { authority: id }));
  }

  /**
   * Replaces the grants with exactly `grants`. Every name is checked against the catalogue first: unknown
   * names (with close matches) and missing dependencies are a `DomoInputError`, and nothing is sent.
   */
  async setGrants(grants: readonly string[]): Promise<this> {
    return this.#replaceGrants(validateGrants(await grantCatalogue(this.auth), grants));
  }

  /** Adds grants (read, modify, write); sends nothing when they are all there already. */
  async addGrants(grants: readonly string[]): Promise<this> {
    const current = (await getRoleGrants(this.auth, this.id)).data;
    const wanted = validateGrants(await grantCatalogue(this.auth), [...current, ...checkGrantList(grants, 'addGrants')], 'addGrants', { held: current });
    if (wanted.length === current.length) return this.#withGrants(current);
    return this.#replaceGrants(wanted);
  }

  /** Removes grants (read, modify, write); sends nothing when none of them is held. */
  async removeGrants(grants: readonly string[]): Promise<this> {
    const current = (await getRoleGrants(this.auth, this.id)).data;
    const removing = new Set(validateGrants(await grantCatalogue(this.auth), grants, 'removeGrants', { held: current, dependencies: false }));
    const kept = current.filter((grant) => !removing.has(grant));
    if (kept.length === current.length) return this.#withGrants(current);
    validateGrants(await grantCatalogue(this.auth), kept, 'removeGrants', { held: current });
    return this.#replaceGrants(kept);
  }

  /** The users holding this role. */
  async getMembers(): Promise<RoleMember[]> {
    return (await getRoleMembership(this.auth, this.id)).data;
  }

  /** Moves users into this role (they leave the one they held). */
  async addMembers(userIds: readonly number[]): Promise<this> {
    await addRoleMembers(this.auth, this.id, userIds);
    return this;
  }

  /**
   * Moves members out of this role into `toRoleId` (default: the instance's default role). Refuses users who
   * do not hold this role, and a target that is this role.
   */
  async removeMembers(userIds: readonly number[], options: { toRoleId?: number } = {}): Promise<this> {
    const ids = checkIds(userIds, 'userIds', 'removeMembers');
    const toRoleId = options.toRoleId === undefined ? (await getDefaultRole(this.auth)).data : checkId(options.toRoleId, 'toRoleId', 'removeMembers');
    if (toRoleId === this.id) {
      throw new DomoInputError(`removeMembers: role ${this.id} is the ${options.toRoleId === undefined ? 'default role' : 'target'}; give toRoleId to say where the users go`, { field: 'toRoleId', route: 'removeMembers' });
    }
    const members = new Set((await this.getMembers()).map((member) => member.userId));
    const strangers = ids.filter((id) => !members.has(id));
    if (strangers.length > 0) throw new DomoInputError(`removeMembers: users ${strangers.join(', ')} do not hold role ${this.id}`, { field: 'userIds', route: 'removeMembers' });
    await addRoleMembers(this.auth, toRoleId, ids);
    return this;
  }

  /**
   * Changes the name and/or description. `undefined` leaves a field as it is; `null` clears the description.
   * Sends nothing when nothing changes.
   */
  async update(changes: { name?: string; description?: string | null }): Promise<this> {
    const name = changes?.name === undefined ? this.name : checkName(changes.name, 'name', 'update');
    const description = changes.description === undefined ? this.description : (changes.description ?? '');
    if (name === this.name && description === this.description) return this;
    return this.adopt((await updateRoleMetadata(this.auth, this.id, { name, description })).data);
  }

  /** Makes this the role new users get. */
  async setAsDefault(): Promise<this> {
    await setDefaultRole(this.auth, this.id);
    this.isDefault = true;
    return this;
  }

  /**
   * Deletes the role. Refuses system roles and the default role, and a role with members unless
   * `reassignTo` names the role they move to first.
   * @throws {DomoInputError} a refusal (nothing is changed)
   */
  async delete(options: { reassignTo?: number } = {}): Promise<void> {
    if (this.isSystemRole) throw new DomoInputError(`role ${this.id} "${this.name}" is a system role and cannot be deleted`, { field: 'id', route: 'DomoRole.delete' });
    if ((await getDefaultRole(this.auth)).data === this.id) {
      throw new DomoInputError(`role ${this.id} "${this.name}" is the default role; make another role the default first`, { field: 'id', route: 'DomoRole.delete' });
    }
    const members = (await this.getMembers()).map((member) => member.userId);
    if (members.length > 0) {
      if (options.reassignTo === undefined) throw new DomoInputError(`role ${this.id} "${this.name}" has ${members.length} member(s); pass { reassignTo: roleId } to move them first`, { field: 'reassignTo', route: 'DomoRole.delete' });
      const target = checkId(options.reassignTo, 'reassignTo', 'DomoRole.delete');
      if (target === this.id) throw new DomoInputError('reassignTo must be another role', { field: 'reassignTo', route: 'DomoRole.delete' });
      await addRoleMembers(this.auth, target, members);
    }
    await deleteRole(this.auth, this.id);
  }

  summary(): string {
    const flags = [this.isSystemRole ? 'system' : '', this.isDefault ? 'default' : ''].filter(Boolean);
    const counts = this.authorityCount === undefined ? '' : ` ${this.authorityCount} grants, ${this.userCount ?? '?'} users`;
    return `DomoRole #${this.id} ${JSON.stringify(this.name)}${counts}${flags.length ? ` (${flags.join(', ')})` : ''}`;
  }

  async #replaceGrants(list: string[]): Promise<this> {
    await setRoleGrants(this.auth, this.id, list);
    return this.#withGrants(list);
  }

  #withGrants(grants: string[]): this {
    this.grants = grants;
    this.authorityCount = grants.length;
    return this;
  }
}
