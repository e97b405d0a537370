import type { DomoAuth } from '../auth/base.js';
import { mapAll, mapConcurrent } from '../client/concurrency.js';
import { DomoAbortError, DomoAuthError } from '../client/errors.js';
import type { CallOptions } from '../classes/entity.js';
import { grantCatalogue, type DomoGrant } from '../classes/role/grant.js';
import { getAccounts } from '../routes/account/core.js';
import { getOAuthAccounts } from '../routes/account/oauth.js';
import type { AccessEntry, Account, OAuthAccount } from '../routes/account/schemas.js';
import { getAccountAccessList, getOAuthAccountAccessList } from '../routes/account/sharing.js';
import { getGroupById, getGroups, MAX_GROUP_PAGE } from '../routes/group/core.js';
import { getAllGroupMembers, getGroupOwners } from '../routes/group/members.js';
import type { Group, Principal } from '../routes/group/schemas.js';
import { getRoles } from '../routes/role/core.js';
import { getDefaultRole } from '../routes/role/default.js';
import { getRoleGrants } from '../routes/role/grants.js';
import { getRoleMembership } from '../routes/role/members.js';
import type { Role, RoleMember } from '../routes/role/schemas.js';
import { getUserDetails } from '../routes/user/core.js';
import type { User, UserDetails } from '../routes/user/schemas.js';
import { MAX_IDS_PER_SEARCH, searchAllUsers, userIdFilter } from '../routes/user/search.js';
import { readAllUsers } from './users.js';

/** The parts of an instance the inventory reads, and the requests it counts for each. */
export const INVENTORY_SECTIONS = [
  'catalogue',
  'roles',
  'users',
  'groups',
  'accounts',
  'templates',
  'owners',
  'caller',
  'content',
] as const;
/** One of {@link INVENTORY_SECTIONS}. */
export type InventorySection = (typeof INVENTORY_SECTIONS)[number];

/** A read that failed (tolerant inventories only): which section, which object, and why. */
export interface InventoryFailure {
  section: InventorySection;
  id?: number;
  name?: string;
  error: string;
}

/** A role as the inventory read it: the row, and its grants and members where they were read. */
export interface RoleRecord {
  role: Role;
  grants?: string[];
  members?: RoleMember[];
  /** A read of its grants or members failed (tolerant inventories). */
  incomplete?: true;
}

/** A group as the inventory read it: the row, its members (direct, or everyone) and owners where read. */
export interface GroupRecord {
  group: Group;
  members?: number[];
  owners?: Principal[];
  incomplete?: true;
}

/** A credential account or OAuth template as the inventory read it, with its access list where read. */
export interface CredentialRecord {
  account: Account | OAuthAccount;
  access?: AccessEntry[];
  incomplete?: true;
}

/** Options of an {@link Inventory}. */
export interface InventoryOptions {
  /** Requests in flight at most, per kind of per-object read. @default 16 */
  concurrency?: number;
  /**
   * Record a failed read in `failures` and go on (the audit), instead of failing at the first one (planning). A
   * rejected credential or an abort always stops.
   */
  tolerant?: boolean;
  /** Called after each per-object read. */
  onProgress?: (progress: { section: InventorySection; done: number; total: number }) => void;
}

/**
 * One read of an instance, shared by governance (export, plan) and the access audit: every list and per-object read
 * they need, each object read with one request, at most `concurrency` in flight, every request counted per section
 * (`requests`) and, when `tolerant`, every failed read listed in `failures` with the rest read on.
 */
export class Inventory {
  readonly failures: InventoryFailure[] = [];
  readonly requests: Record<InventorySection, number> = Object.fromEntries(
    INVENTORY_SECTIONS.map((section) => [section, 0]),
  ) as Record<InventorySection, number>;
  readonly concurrency: number;

  constructor(
    readonly auth: DomoAuth,
    readonly call: CallOptions,
    readonly options: InventoryOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 16;
  }

  /**
   * One request, counted. A failure stops the read unless the inventory is tolerant: then it is recorded and
   * `fallback` returned (a rejected credential or an abort always stops).
   */
  async read<T>(
    section: InventorySection,
    fn: () => Promise<T>,
    fallback: T,
    what: { id?: number; name?: string } = {},
  ): Promise<T> {
    this.requests[section] += 1;
    try {
      return await fn();
    } catch (error) {
      if (!this.options.tolerant || error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      this.failures.push({ section, ...what, error: error instanceof Error ? error.message : String(error) });
      return fallback;
    }
  }

  /** `fn` over `items`, `concurrency` at a time, reporting progress; strict inventories stop at the first failure. */
  async each<T, R>(section: InventorySection, items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    let done = 0;
    const step = async (item: T) => {
      const value = await fn(item);
      this.options.onProgress?.({ section, done: ++done, total: items.length });
      return value;
    };
    if (!this.options.tolerant) return mapAll(items, this.concurrency, step, { signal: this.call.signal });
    const results = await mapConcurrent(items, this.concurrency, step);
    return results.map((result) => {
      if (!result.ok) throw result.error; // only auth and abort errors get here
      return result.value;
    });
  }

  /** The grant catalogue (read once per auth). */
  catalogue(): Promise<DomoGrant[]> {
    return this.read('catalogue', () => grantCatalogue(this.auth, this.call), []);
  }

  /** Every role, and the default role's id (`undefined` when a tolerant read of it failed). */
  async roleList(): Promise<{ roles: Role[]; defaultId: number | undefined }> {
    const [roles, defaultId] = await Promise.all([
      this.read('roles', async () => (await getRoles(this.auth, this.call)).data, []),
      this.read('roles', async () => (await getDefaultRole(this.auth, this.call)).data, undefined),
    ]);
    return { roles, defaultId };
  }

  /** The grants (and with `members`, the members) of `roles`: one request each per role, in order. */
  roleDetails(roles: readonly Role[], options: { members?: boolean } = {}): Promise<RoleRecord[]> {
    return this.each('roles', roles, async (role) => {
      const what = { id: role.id, name: role.name };
      const [grants, members] = await Promise.all([
        this.read('roles', async () => [...(await getRoleGrants(this.auth, role.id, this.call)).data], undefined, what),
        options.members
          ? this.read(
              'roles',
              async () => (await getRoleMembership(this.auth, role.id, this.call)).data,
              undefined,
              what,
            )
          : undefined,
      ]);
      const failed = grants === undefined || (options.members && members === undefined);
      return { role, grants, ...(members ? { members } : {}), ...(failed ? { incomplete: true as const } : {}) };
    });
  }

  /** Every user, deleted ones too, read concurrently page by page (see `readAllUsers`). */
  users(): Promise<User[]> {
    return readAllUsers(this);
  }

  /** Every group, page after page until an empty page. */
  groupList(): Promise<Group[]> {
    return this.read(
      'groups',
      async () => {
        const groups: Group[] = [];
        for (;;) {
          const { data } = await getGroups(this.auth, { limit: MAX_GROUP_PAGE, offset: groups.length }, this.call);
          if (data.length === 0) return groups;
          groups.push(...data);
          this.requests.groups += 1;
        }
      },
      [],
    );
  }

  /**
   * The members of `groups` — `direct` (the group read's `userIds`, what can be edited) or `all` (through member
   * groups too) — and, with `owners`, their owners read on their own. In order.
   */
  groupDetails(
    groups: readonly Group[],
    options: { members: 'direct' | 'all'; owners?: boolean },
  ): Promise<GroupRecord[]> {
    return this.each('groups', groups, async (group) => {
      const what = { id: group.id, name: group.name };
      const [members, owners] = await Promise.all([
        options.members === 'all' && group.memberCount === 0
          ? []
          : this.read('groups', () => this.#members(group, options.members), undefined, what),
        options.owners
          ? this.read(
              'groups',
              async () => (await getGroupOwners(this.auth, group.id, this.call)).data,
              undefined,
              what,
            )
          : group.owners,
      ]);
      const failed = members === undefined || (options.owners && owners === undefined);
      return {
        group,
        ...(members ? { members } : {}),
        ...(owners ? { owners } : {}),
        ...(failed ? { incomplete: true as const } : {}),
      };
    });
  }

  async #members(group: Group, which: 'direct' | 'all'): Promise<number[]> {
    if (which === 'all') return (await getAllGroupMembers(this.auth, group.id, this.call)).data.map((u) => u.id);
    return (await getGroupById(this.auth, group.id, this.call)).data.userIds ?? [];
  }

  /** Every credential account (or OAuth template) the caller can read. */
  credentials(kind: 'accounts' | 'templates'): Promise<(Account | OAuthAccount)[]> {
    return this.read(
      kind,
      async () =>
        (kind === 'accounts' ? await getAccounts(this.auth, this.call) : await getOAuthAccounts(this.auth, this.call))
          .data,
      [],
    );
  }

  /** The access lists of `rows` (accounts or templates), one request each, in order. */
  access(kind: 'accounts' | 'templates', rows: readonly (Account | OAuthAccount)[]): Promise<CredentialRecord[]> {
    const accessOf = kind === 'accounts' ? getAccountAccessList : getOAuthAccountAccessList;
    return this.each(kind, rows, async (account) => {
      const access = await this.read(
        kind,
        async () => (await accessOf(this.auth, account.id, this.call)).data,
        undefined,
        { id: account.id, name: account.displayName },
      );
      return { account, ...(access ? { access } : {}), ...(access === undefined ? { incomplete: true as const } : {}) };
    });
  }

  /** The v3 details of users (one request each; `undefined` for a failed tolerant read), by id. */
  async userDetails(ids: readonly number[]): Promise<Map<number, UserDetails | undefined>> {
    const details = await this.each('owners', ids, (id) =>
      this.read('owners', async () => (await getUserDetails(this.auth, id, this.call)).data, undefined, { id }),
    );
    return new Map(ids.map((id, index) => [id, details[index]]));
  }

  /** Emails by user id (deleted users too), one search per 1 000 ids. */
  async emails(ids: readonly number[]): Promise<Map<number, string>> {
    const emails = new Map<number, string>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += MAX_IDS_PER_SEARCH) {
      const filters = [userIdFilter(unique.slice(start, start + MAX_IDS_PER_SEARCH))];
      const users = await this.read(
        'users',
        async () => (await searchAllUsers(this.auth, { filters, includeDeleted: true }, this.call)).users,
        [],
      );
      for (const user of users) if (user.emailAddress) emails.set(user.id, user.emailAddress);
    }
    return emails;
  }
}
