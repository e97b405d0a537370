import type { DomoAuth } from '../auth/base.js';
import { mapConcurrent } from '../client/concurrency.js';
import { DomoAbortError, DomoAuthError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { grantCatalogue } from '../classes/role/grant.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role/role.js';
import { isDeletedEmail } from '../classes/user/user.js';
import { getAccounts } from '../routes/account/core.js';
import { getOAuthAccounts } from '../routes/account/oauth.js';
import type { AccessEntry } from '../routes/account/schemas.js';
import { getAccountAccessList, getOAuthAccountAccessList } from '../routes/account/sharing.js';
import { getGroups, MAX_GROUP_PAGE } from '../routes/group/core.js';
import type { Group } from '../routes/group/schemas.js';
import { getAllGroupMembers } from '../routes/group/members.js';
import { getRoleById, getRoles } from '../routes/role/core.js';
import { getDefaultRole } from '../routes/role/default.js';
import { getRoleGrants } from '../routes/role/grants.js';
import { getUserDetails } from '../routes/user/core.js';
import { MAX_SEARCH_PAGE, searchUserPages, searchUsers } from '../routes/user/search.js';
import type { User } from '../routes/user/schemas.js';
import type { CurrentUser } from '../auth/user.js';
import {
  AUDIT_SECTIONS,
  type AuditCredential,
  type AuditFailure,
  type AuditGap,
  type AuditGrant,
  type AuditGroup,
  type AuditModel,
  type AuditPrincipal,
  type AuditRole,
  type AuditSection,
  type AuditUser,
} from './types.js';

export * from './types.js';

/** Progress of an audit: one call per finished read. */
export interface AuditProgress {
  section: AuditSection | 'owners';
  done: number;
  total: number;
}

/** Options of {@link auditAccess}. */
export interface AuditOptions extends CallOptions {
  /** Only these sections (roles always come with users: membership is the users' roles). @default all */
  include?: readonly AuditSection[];
  /** Requests in flight at most per section. @default 16 */
  concurrency?: number;
  /** Called after each read of a section's entities. */
  onProgress?: (progress: AuditProgress) => void;
}

/**
 * Reads everything an access audit needs into one model, with bounded concurrency and at most one request per
 * entity (list pages aside): the grant catalogue; roles and their grants; every user (deleted ones too) and so
 * role membership; groups with owners and members (through member groups too); credential accounts and OAuth
 * templates with their access lists; and, for users who own a credential, whether they are active. A read that
 * fails is listed in `failures` and the rest goes on; only a rejected credential or an abort stops the audit.
 * @throws {DomoAuthError} the credential is rejected
 * @throws {DomoAbortError} the signal was aborted
 * @example
 * ```ts
 * const model = await auditAccess(auth, { onProgress: (p) => console.error(p.section, p.done, p.total) });
 * console.log(model.counts, model.requests.total, model.failures);
 * ```
 */
export async function auditAccess(auth: DomoAuth, options: AuditOptions = {}): Promise<AuditModel> {
  const call = callOptions(options);
  const include = new Set<AuditSection>(options.include ?? AUDIT_SECTIONS);
  if (include.has('roles')) include.add('users');
  const reader = new Reader(auth, call, options.concurrency ?? 16, options.onProgress);
  const takenAt = new Date().toISOString();
  const [me, grants, users, roles, groups, accounts, templates] = await Promise.all([
    reader.whoAmI(),
    include.has('roles') ? reader.catalogue() : [],
    include.has('users') ? reader.users() : [],
    include.has('roles') ? reader.roles() : [],
    include.has('groups') ? reader.groups() : [],
    include.has('accounts') ? reader.credentials('accounts') : [],
    include.has('templates') ? reader.credentials('templates') : [],
  ]);
  for (const role of roles) role.members = users.filter((u) => u.roleId === role.id && !u.deleted).map((u) => u.id);
  if (include.has('users')) await reader.activity(users, [...accounts, ...templates]);
  const caller = await reader.callerRole(me, users, roles);
  const sections = { roles, users, groups, accounts, templates };
  const gaps = auditGaps(include, sections, caller.grants, reader.failures);
  const model: AuditModel = {
    instance: auth.instance,
    takenAt,
    grants,
    roles,
    users,
    groups,
    accounts,
    templates,
    failures: reader.failures,
    complete: gaps.length === 0,
    gaps,
    caller: { id: caller.id, role: caller.role },
    counts: {
      roles: roles.length,
      users: users.filter((u) => !u.deleted).length,
      groups: groups.length,
      accounts: accounts.length,
      templates: templates.length,
      failures: reader.failures.length,
    },
    requests: { ...reader.requests, total: Object.values(reader.requests).reduce((sum, n) => sum + n, 0) },
  };
  return model;
}

/**
 * The grant a caller needs for each section to show the whole instance, and what they see without it. Accounts and
 * templates: Domo answers only those shared with the caller (domo-api-admin.md §5). Users and groups: an inference
 * (no source says what the list hides without these grants), so the audit says it cannot vouch for them.
 */
export const SECTION_GRANTS: Readonly<Record<AuditSection, { grant: string; without: string }>> = Object.freeze({
  roles: { grant: 'role.manage', without: "roles' grants may be hidden" },
  users: { grant: 'user.view', without: 'the people list may be partial' },
  groups: { grant: 'group.manage', without: 'groups the caller neither owns nor belongs to may be hidden' },
  accounts: { grant: 'datasource.account.manage.all', without: 'only the accounts shared with the caller are listed' },
  templates: {
    grant: 'datasource.account.manage.all',
    without: 'only the OAuth templates shared with the caller are listed',
  },
});

/** Where the audit saw less than the instance: a grant the caller lacks, or failed reads, per section read. */
function auditGaps(
  include: ReadonlySet<AuditSection>,
  sections: Record<AuditSection, readonly unknown[]>,
  callerGrants: readonly string[] | undefined,
  failures: readonly AuditFailure[],
): AuditGap[] {
  const gaps: AuditGap[] = [];
  for (const section of AUDIT_SECTIONS) {
    if (!include.has(section)) continue;
    const visible = sections[section].length;
    const { grant, without } = SECTION_GRANTS[section];
    if (callerGrants === undefined)
      gaps.push({
        section,
        reason: "the caller's own grants could not be read, so nothing vouches for this section",
        visible,
      });
    else if (!callerGrants.includes(grant))
      gaps.push({ section, reason: `the caller's role lacks ${grant}: ${without}`, missingGrant: grant, visible });
    const failed = failures.filter((f) => f.section === section).length;
    if (failed > 0) gaps.push({ section, reason: `${failed} read(s) failed`, visible });
  }
  const owners = failures.filter((f) => f.section === 'owners').length;
  if (owners > 0)
    gaps.push({
      section: 'users',
      reason: `${owners} credential owner(s) could not be checked for activity`,
      visible: sections.users.length,
    });
  return gaps;
}

/** Every credential of the model with its kind: the accounts, then the OAuth templates. */
export function credentialsOf(model: AuditModel): { kind: 'account' | 'template'; credential: AuditCredential }[] {
  return [
    ...model.accounts.map((credential) => ({ kind: 'account' as const, credential })),
    ...model.templates.map((credential) => ({ kind: 'template' as const, credential })),
  ];
}

/** What the kinds of credential are called in sentences. */
export const CREDENTIAL_LABEL = { account: 'account', template: 'OAuth template' } as const;

/** The reads of one audit, counting requests and collecting failures. */
class Reader {
  readonly failures: AuditFailure[] = [];
  readonly requests = {
    catalogue: 0,
    roles: 0,
    users: 0,
    groups: 0,
    accounts: 0,
    templates: 0,
    owners: 0,
    caller: 0,
  };

  constructor(
    readonly auth: DomoAuth,
    readonly call: CallOptions,
    readonly concurrency: number,
    readonly onProgress: AuditOptions['onProgress'],
  ) {}

  /** One request, counted; a failure is recorded (and `fallback` returned) unless it must stop the audit. */
  async read<T>(
    section: Exclude<keyof Reader['requests'], 'caller'>,
    fn: () => Promise<T>,
    fallback: T,
    what: Omit<AuditFailure, 'error' | 'section'> = {},
  ): Promise<T> {
    this.requests[section] += 1;
    try {
      return await fn();
    } catch (error) {
      if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      this.failures.push({
        section: section === 'catalogue' ? 'roles' : section,
        ...what,
        error: error instanceof Error ? error.message : String(error),
      });
      return fallback;
    }
  }

  /** `fn` over `items`, `concurrency` at a time, reporting progress; failures are recorded by `read`. */
  async each<T, R>(section: AuditProgress['section'], items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
    let done = 0;
    const results = await mapConcurrent(items, this.concurrency, async (item) => {
      const value = await fn(item);
      this.onProgress?.({ section, done: ++done, total: items.length });
      return value;
    });
    return results.map((result) => {
      if (!result.ok) throw result.error; // only auth and abort errors get here
      return result.value;
    });
  }

  /** The signed-in user (a rejected credential stops the audit here). */
  async whoAmI(): Promise<CurrentUser> {
    this.requests.caller += 1;
    return this.auth.whoAmI(this.call);
  }

  /**
   * The signed-in user's role and its grants: what decides whether each section can be the whole instance. Taken
   * from what the audit read (the user's role id from the users section, the role and its grants from the roles
   * section) and read only where it did not (a v3 read for the role id, the role and its grants). Grants are
   * `undefined` when they cannot be read.
   */
  async callerRole(
    me: CurrentUser,
    users: readonly AuditUser[],
    roles: readonly AuditRole[],
  ): Promise<{ id: number; role: string | null; grants: string[] | undefined }> {
    const unknown = { id: me.id, role: me.role ?? null, grants: undefined };
    try {
      const roleId = me.roleId ?? users.find((u) => u.id === me.id)?.roleId ?? (await this.callerRoleId(me.id));
      if (roleId === undefined || roleId === null) return unknown;
      const read = roles.find((role) => role.id === roleId && !role.incomplete);
      if (read) return { id: me.id, role: read.name, grants: read.grants };
      this.requests.caller += 2;
      const [grants, role] = await Promise.all([
        getRoleGrants(this.auth, roleId, this.call),
        getRoleById(this.auth, roleId, this.call),
      ]);
      return { id: me.id, role: role.data.name, grants: [...grants.data] };
    } catch (error) {
      if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      return unknown;
    }
  }

  /** The caller's role id from their v3 read (v2 reads carry none). */
  async callerRoleId(id: number): Promise<number | null | undefined> {
    this.requests.caller += 1;
    return (await getUserDetails(this.auth, id, this.call)).data.roleId;
  }

  async catalogue(): Promise<AuditGrant[]> {
    const catalogue = await this.read('catalogue', () => grantCatalogue(this.auth, this.call), []);
    return catalogue.map((g) => ({
      id: g.id,
      title: g.title ?? g.id,
      description: g.description ?? '',
      group: g.group ?? '',
    }));
  }

  async roles(): Promise<AuditRole[]> {
    const [list, defaultId] = await Promise.all([
      this.read('roles', async () => (await getRoles(this.auth, this.call)).data, []),
      this.read('roles', async () => (await getDefaultRole(this.auth, this.call)).data, undefined),
    ]);
    return this.each('roles', list, async (role) => {
      const grants = await this.read(
        'roles',
        async () => (await getRoleGrants(this.auth, role.id, this.call)).data,
        undefined,
        { id: role.id, name: role.name },
      );
      return {
        id: role.id,
        name: role.name,
        description: role.description ?? '',
        system: role.id <= LAST_SYSTEM_ROLE_ID,
        isDefault: role.id === defaultId,
        grants: [...(grants ?? [])].sort(),
        members: [],
        ...(grants === undefined ? { incomplete: true as const } : {}),
      };
    });
  }

  /**
   * Every user, deleted ones too. The first page says how many there are and how many Domo serves a page; the
   * rest are read concurrently at that step, then page by page from where they stopped until the count or an empty
   * page. Fewer users than the count is recorded as a failure: the model says it is short, never silently.
   */
  async users(): Promise<AuditUser[]> {
    const search = { includeDeleted: true } as const;
    const page = (offset: number) =>
      this.read(
        'users',
        async () => (await searchUsers(this.auth, { ...search, limit: MAX_SEARCH_PAGE, offset }, this.call)).data,
        undefined,
        { name: `users from ${offset + 1}` },
      );
    const first = await page(0);
    if (!first) return [];
    const step = first.users.length;
    const offsets: number[] = [];
    for (let offset = step; step > 0 && first.count !== undefined && offset < first.count; offset += step)
      offsets.push(offset);
    const rest = await this.each('users', offsets, page);
    const seen = new Map<number, AuditUser>();
    for (const user of [first, ...rest].flatMap((p) => p?.users ?? [])) seen.set(user.id, auditUser(user));
    if (rest.some((p) => p === undefined)) return [...seen.values()]; // a failed page is already a failure
    const last = rest.at(-1) ?? first;
    const tailFrom = (offsets.at(-1) ?? 0) + last.users.length;
    if (step > 0 && (first.count === undefined || seen.size < first.count)) {
      const tail = await this.read(
        'users',
        async () => {
          const pages = searchUserPages(this.auth, { ...search, offset: tailFrom }, this.call);
          for (let next = await pages.next(); !next.done; next = await pages.next()) {
            this.requests.users += 1;
            for (const user of next.value) seen.set(user.id, auditUser(user));
          }
          return true;
        },
        false,
        { name: `users from ${tailFrom + 1}` },
      );
      if (!tail) return [...seen.values()];
    }
    if (first.count !== undefined && seen.size < first.count)
      this.failures.push({
        section: 'users',
        name: 'user search',
        error: `Domo announced ${first.count} users and served ${seen.size}: the users section is short`,
      });
    return [...seen.values()];
  }

  async groups(): Promise<AuditGroup[]> {
    const list = await this.read('groups', () => this.groupList(), []);
    return this.each('groups', list, async (group) => {
      const members =
        group.memberCount === 0
          ? []
          : await this.read('groups', () => this.allMembers(group.id), undefined, { id: group.id, name: group.name });
      return {
        id: group.id,
        name: group.name,
        type: group.type,
        description: group.description ?? '',
        owners: (group.owners ?? []).map((o) => ({ type: o.type, id: o.id, name: o.displayName ?? String(o.id) })),
        members: members ?? [],
        ...(members === undefined ? { incomplete: true as const } : {}),
      };
    });
  }

  /** Every group, page after page until an empty page (each page counted; `read` counts the first). */
  async groupList(): Promise<Group[]> {
    const groups: Group[] = [];
    for (;;) {
      const { data } = await getGroups(this.auth, { limit: MAX_GROUP_PAGE, offset: groups.length }, this.call);
      if (data.length === 0) return groups;
      groups.push(...data);
      this.requests.groups += 1;
    }
  }

  /** A group's members, page after page until the total or an empty page. */
  async allMembers(groupId: number): Promise<number[]> {
    return (await getAllGroupMembers(this.auth, groupId, this.call)).data.map((u) => u.id);
  }

  async credentials(section: 'accounts' | 'templates'): Promise<AuditCredential[]> {
    const accounts = section === 'accounts';
    const list = await this.read(
      section,
      async () =>
        (accounts ? await getAccounts(this.auth, this.call) : await getOAuthAccounts(this.auth, this.call)).data,
      [],
    );
    const accessOf = accounts ? getAccountAccessList : getOAuthAccountAccessList;
    return this.each(section, list, async (row) => {
      const access = await this.read(
        section,
        async () => (await accessOf(this.auth, row.id, this.call)).data,
        undefined,
        { id: row.id, name: row.displayName },
      );
      return {
        id: row.id,
        name: row.displayName,
        provider: row.dataProviderType ?? '',
        shares: (access ?? []).map(share),
        ...(access === undefined ? { incomplete: true as const } : {}),
      };
    });
  }

  /** Whether the users who own a credential are active (one v3 read each; deleted owners need none). */
  async activity(users: AuditUser[], credentials: AuditCredential[]): Promise<void> {
    const byId = new Map(users.map((u) => [u.id, u]));
    const owners = [
      ...new Set(
        credentials.flatMap((c) =>
          c.shares.filter((s) => s.type === 'USER' && s.level === 'OWNER' && !byId.get(s.id)?.deleted).map((s) => s.id),
        ),
      ),
    ];
    await this.each('owners', owners, async (id) => {
      const details = await this.read(
        'owners',
        async () => (await getUserDetails(this.auth, id, this.call)).data,
        undefined,
        {
          id,
        },
      );
      const user = byId.get(id);
      if (user && details) user.active = details.active ?? true;
    });
  }
}

function auditUser(user: User): AuditUser {
  const email = user.emailAddress ?? '';
  return {
    id: user.id,
    name: user.displayName ?? email,
    email,
    roleId: user.roleId ?? null,
    deleted: isDeletedEmail(email),
    active: null,
    lastActivity: user.lastActivity ?? null,
  };
}

function share(entry: AccessEntry): AuditPrincipal & { level: string } {
  return { type: entry.type, id: entry.id, name: entry.name ?? String(entry.id), level: entry.accessLevel };
}
