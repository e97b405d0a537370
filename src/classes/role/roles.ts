import type { DomoAuth } from '../../auth/base.js';
import { getDefaultRole, getRoles } from '../../routes/role/index.js';
import { checkObject } from '../../internal/input.js';
import { callOptions, registerEntity, type CallOptions } from '../entity.js';
import { grantCatalogue, validateGrants, type DomoGrant } from './grant.js';
import {
  byIdOrName,
  findOneByName,
  requireOneByName,
  resolveAmong,
  type NamedRef,
  type UpsertResult,
} from '../names.js';
import { DomoRole, type NewRole } from './role.js';
import { DomoList, pageOf } from '../list.js';

/**
 * The roles of one instance: listing, exact name lookups, upserts, the default role and the grant catalogue.
 *
 * @example
 * ```ts
 * const roles = new DomoRoles(auth);
 * const role = await roles.getByName('Finance Editors');   // exact, case-insensitive
 * const { action } = await roles.upsert({ name: 'Auditors', grants: ['admin.audit.view'] });
 * ```
 */
export class DomoRoles {
  constructor(readonly auth: DomoAuth) {}

  /** Every role, with `isDefault` set (one page: Domo answers them in one read). */
  list(options: CallOptions = {}): DomoList<DomoRole> {
    return DomoList.single(async () => {
      const call = callOptions(options);
      const [{ data }, { data: defaultId }] = await Promise.all([
        getRoles(this.auth, call),
        getDefaultRole(this.auth, call),
      ]);
      const roles = DomoRole.hydrateMany(this.auth, data);
      for (const role of roles) role.isDefault = role.id === defaultId;
      return pageOf(roles);
    }, 'roles');
  }

  /** One role by id (read directly) or exact name (case-insensitive; an unknown one names the close ones). */
  get(idOrName: number | string, options: CallOptions = {}): Promise<DomoRole> {
    return byIdOrName(
      idOrName,
      'DomoRoles.get',
      (id) => DomoRole.get(this.auth, id, options),
      async (name) => (await this.resolve([name], options))[0] as DomoRole,
    );
  }

  /**
   * The role named exactly `name` (case-insensitive, never a substring: "Admin" does not find "Privileged
   * Admin"); `undefined` when none.
   * @throws {DomoAmbiguousNameError} two roles match
   */
  async findByName(name: string, options: CallOptions = {}): Promise<DomoRole | undefined> {
    return findOneByName('role', await this.list(options), name, [(role) => role.name]);
  }

  /** Like {@link DomoRoles.findByName}; a missing role is a `DomoNotFoundError` naming the close ones. */
  async getByName(name: string, options: CallOptions = {}): Promise<DomoRole> {
    return requireOneByName('role', await this.list(options), name, [(r) => r.name], 'getByName');
  }

  /**
   * Roles by id or exact name (case-insensitive), in order, from one read of the list. Every unknown reference is
   * reported at once, each name with its close matches.
   * @throws {DomoNotFoundError} listing every unknown role
   */
  async resolve(refs: readonly NamedRef[], options: CallOptions = {}): Promise<DomoRole[]> {
    return resolveAmong('role', await this.list(options), refs, [(role) => role.name], 'DomoRoles.resolve');
  }

  /** Creates a role (see {@link DomoRole.create}, which this is the manager's name for). */
  create(input: NewRole, options: CallOptions = {}): Promise<DomoRole> {
    return DomoRole.create(this.auth, input, options);
  }

  /**
   * Makes sure a role named `name` exists with the given description and exactly the given grants (each only
   * when given). Grants are checked against the catalogue before anything is sent.
   */
  async upsert(input: Omit<NewRole, 'fromRoleId'>, options: CallOptions = {}): Promise<UpsertResult<DomoRole>> {
    checkObject(input, 'input', 'DomoRoles.upsert', '{ name, description?, grants? }');
    const call = callOptions(options);
    const grants =
      input.grants === undefined ? undefined : validateGrants(await this.authorities(call), input.grants, 'upsert');
    const existing = await this.findByName(input.name, call);
    if (!existing)
      return {
        entity: await DomoRole.create(this.auth, { ...input, ...(grants ? { grants } : {}) }, call),
        action: 'created',
      };
    let action: UpsertResult<DomoRole>['action'] = 'unchanged';
    if (input.description !== undefined && input.description !== existing.description) {
      await existing.update({ description: input.description }, call);
      action = 'updated';
    }
    if (grants) {
      const current = (await existing.getGrants(call)).map((grant) => grant.id);
      if (current.length !== grants.length || !grants.every((grant) => current.includes(grant))) {
        await existing.setGrants(grants, call);
        action = 'updated';
      }
    }
    return { entity: existing, action };
  }

  /** The role new users get. */
  async getDefault(options: CallOptions = {}): Promise<DomoRole> {
    const call = callOptions(options);
    const role = await DomoRole.get(this.auth, (await getDefaultRole(this.auth, call)).data, call);
    role.isDefault = true;
    return role;
  }

  /** The grant catalogue, read once per auth; `{ refresh: true }` reads it again. */
  authorities(options: CallOptions & { refresh?: boolean } = {}): Promise<DomoGrant[]> {
    return grantCatalogue(this.auth, options);
  }
}

registerEntity('roles', DomoRoles);
