import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError, DomoNotFoundError } from '../../client/errors.js';
import { checkObject, describe } from '../../internal/input.js';
import { checkEmail, createUser, type UserChanges } from '../../routes/user/core.js';
import type { User } from '../../routes/user/schemas.js';
import {
  MAX_SEARCH_PAGE,
  searchAllUsers,
  searchUserPages,
  searchUsers,
  userEmailFilter,
  type UserFilter,
} from '../../routes/user/search.js';
import { callOptions, type CallOptions } from '../entity.js';
import { byIdOrName, oneByEmail, type UpsertResult } from '../names.js';
import { resolveUsers, type UserRef } from '../people.js';
import '../group/group.js'; // registers DomoGroup, which DomoUser.groups() returns
import '../role/roles.js'; // registers DomoRole and DomoRoles, which DomoUser.role() uses
import { DomoUser } from './user.js';
import { DomoList, pageOf } from '../list.js';

/** Options of {@link DomoUsers.list}. */
export interface ListUsersOptions extends CallOptions {
  /** Users per request. @default 500 */
  pageSize?: number;
  /** Only users matching these filters (ids, email words…). */
  filters?: UserFilter[];
  /** Count deleted users too. @default false */
  includeDeleted?: boolean;
}

/**
 * Every user, page by page (a {@link DomoList}): `for await (const user of users.list())` streams with flat memory;
 * `await users.list()` is the first page; `toArray({ max })` collects at most `max` (a bound is required, as
 * stripe-node requires one).
 */
export type UserPages = DomoList<DomoUser>;

/** What {@link DomoUsers.upsert} makes sure of: the user with this email, and these fields. */
export interface UpsertUser extends Omit<UserChanges, 'emailAddress'> {
  email: string;
  /** Needed to create; compared when given. */
  displayName?: string;
  /** When the user is created: email them Domo's invitation. @default false */
  sendInvite?: boolean;
}

/**
 * The users of one instance: exact email lookups, batched resolution, paged listing, create and upsert.
 *
 * @example
 * ```ts
 * const users = new DomoUsers(auth);
 * const ada = await users.getByEmail('ADA@acme.com');          // exact, case-insensitive
 * const [a, b] = await users.resolve(['ada@acme.com', 123]);   // one search for many emails
 * for await (const user of users.list()) emails.push(user.email);
 * ```
 */
export class DomoUsers {
  constructor(readonly auth: DomoAuth) {}

  /** One user by id (with details) or exact email (case-insensitive; deleted users never match by email). */
  get(idOrEmail: number | string, options: CallOptions = {}): Promise<DomoUser> {
    return byIdOrName(
      idOrEmail,
      'DomoUsers.get',
      (id) => DomoUser.get(this.auth, id, options),
      (email) => this.getByEmail(email, options),
      { emails: true },
    );
  }

  /**
   * The user with exactly this email (case-insensitive; deleted users never match); `undefined` when none.
   * @throws {DomoAmbiguousNameError} two users' emails differ only by case
   */
  async findByEmail(email: string, options: CallOptions = {}): Promise<DomoUser | undefined> {
    const wanted = checkEmail(email, 'email', 'findByEmail').toLowerCase();
    const { users } = await searchAllUsers(this.auth, { filters: [userEmailFilter([wanted])] }, callOptions(options));
    const user = oneByEmail(users, wanted, (u) => u.emailAddress);
    return user ? DomoUser.hydrate(this.auth, user) : undefined;
  }

  /** Like {@link DomoUsers.findByEmail}; a missing user is a `DomoNotFoundError`. */
  async getByEmail(email: string, options: CallOptions = {}): Promise<DomoUser> {
    const user = await this.findByEmail(email, options);
    if (!user)
      throw new DomoNotFoundError({
        status: 404,
        route: 'getByEmail',
        hint: `no user has the email ${JSON.stringify(email)} (exact, case-insensitive)`,
      });
    return user;
  }

  /**
   * Users by id, email or `DomoUser`, in order, resolved in a handful of requests (one search per 200 emails).
   * @throws {DomoNotFoundError} listing every unknown id and email
   */
  async resolve(refs: readonly UserRef[], options: CallOptions = {}): Promise<DomoUser[]> {
    return DomoUser.hydrateMany(this.auth, await resolveUsers(this.auth, refs, options));
  }

  /** One page of users whose email or name holds any of the words of `text`. */
  async search(text: string, options: CallOptions & { limit?: number; offset?: number } = {}): Promise<DomoUser[]> {
    if (typeof text !== 'string' || text.trim() === '')
      throw new DomoInputError(`search text must be a non-empty string, got ${describe(text)}`, {
        field: 'text',
        route: 'search',
      });
    const filter: UserFilter = { field: 'displayName', filterType: 'text', text: text.trim() };
    const { data } = await searchUsers(
      this.auth,
      { filters: [filter], limit: options.limit ?? 100, offset: options.offset ?? 0 },
      callOptions(options),
    );
    return DomoUser.hydrateMany(this.auth, data.users);
  }

  /** Every user (deleted ones only when asked), one search request per page; see {@link UserPages}. */
  list(options: ListUsersOptions = {}): UserPages {
    const pageSize = options.pageSize ?? MAX_SEARCH_PAGE;
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_SEARCH_PAGE) {
      throw new DomoInputError(
        `pageSize must be a whole number from 1 to ${MAX_SEARCH_PAGE}, got ${describe(pageSize)}`,
        { field: 'pageSize', route: 'DomoUsers.list' },
      );
    }
    const auth = this.auth;
    const call = callOptions(options);
    const search = { filters: options.filters ?? [], pageSize, includeDeleted: options.includeDeleted ?? false };
    return new DomoList(async function* () {
      for await (const page of searchUserPages(auth, search, call)) yield pageOf(DomoUser.hydrateMany(auth, page));
    }, 'users');
  }

  /**
   * Creates a user. The role may be a role id or a `DomoRole`. No invitation is emailed unless `sendInvite: true`
   * (Domo's own default would send one).
   * @throws {DomoConflictError} a user with that email exists
   */
  async create(
    input: { displayName: string; email: string; role?: number | { id: number }; sendInvite?: boolean },
    options: CallOptions = {},
  ): Promise<DomoUser> {
    checkObject(input, 'input', 'DomoUsers.create', '{ displayName, email, role?, sendInvite? }');
    const roleId = input.role === undefined ? undefined : typeof input.role === 'number' ? input.role : input.role?.id;
    const { data } = await createUser(
      this.auth,
      {
        displayName: input.displayName,
        email: input.email,
        sendInvite: input.sendInvite ?? false,
        ...(roleId === undefined ? {} : { roleId }),
      },
      callOptions(options),
    );
    return DomoUser.hydrate(this.auth, data);
  }

  /**
   * Makes sure a user with `email` exists with the given fields: creates it (needs `displayName`), updates only the
   * fields that differ, or leaves it alone.
   */
  async upsert(input: UpsertUser, options: CallOptions = {}): Promise<UpsertResult<DomoUser>> {
    checkObject(input, 'input', 'DomoUsers.upsert', '{ email, displayName?, roleId?, title?, … }');
    const { email, sendInvite, ...fields } = input;
    const existing = await this.findByEmail(email, options);
    if (!existing) {
      if (!fields.displayName)
        throw new DomoInputError(`no user has the email ${email}: give displayName to create one`, {
          field: 'displayName',
          route: 'DomoUsers.upsert',
        });
      const created = await this.create(
        {
          displayName: fields.displayName,
          email,
          sendInvite: sendInvite ?? false,
          ...(fields.roleId === undefined ? {} : { role: fields.roleId }),
        },
        options,
      );
      const { displayName: _name, roleId: _role, ...rest } = fields;
      const extra = Object.values(rest).some((value) => value !== undefined);
      return { entity: extra ? await created.update(rest, options) : created, action: 'created' };
    }
    const before = JSON.stringify(existing);
    const changed = Object.values(fields).some((value) => value !== undefined);
    const entity = changed ? await existing.update(fields, options) : existing;
    return { entity, action: JSON.stringify(entity) === before ? 'unchanged' : 'updated' };
  }
}

export type { User };
