import type { DomoAuth } from '../auth/base.js';
import { DomoAbortError, DomoAuthError } from '../client/errors.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role/role.js';
import { isDeletedEmail } from '../classes/user/user.js';
import type { AccessEntry } from '../routes/account/schemas.js';
import { getRoleGrants } from '../routes/role/grants.js';
import { getUserDetails } from '../routes/user/core.js';
import type { User } from '../routes/user/schemas.js';
import type { CurrentUser } from '../auth/user.js';
import { getRoleById } from '../routes/role/core.js';
import { getAccessTokens } from '../routes/access-token/core.js';
import { getApiClients } from '../routes/api-client/core.js';
import { Inventory, type InventoryOptions } from '../inventory/inventory.js';
import { contentSection, contentUsage, contentUserOwners, readContentOwners } from './content.js';
import { joinLastSeen, readAccountRuns, readUsage, type UsageOptions, type UsageRead } from './usage.js';
import {
  AUDIT_SECTIONS,
  type AuditContent,
  type AuditCredential,
  type AuditFailure,
  type AuditGap,
  type AuditGrant,
  type AuditGroup,
  type AuditModel,
  type AuditPrincipal,
  type AuditRole,
  type AuditSection,
  type AuditApiClient,
  type AuditToken,
  type AuditUsage,
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
  /**
   * Read who owns every content type (datasets, dataflows, cards, pages, apps, …) for the orphaned-content finding.
   * @default true for a full audit (no `include`), else false
   */
  content?: boolean;
  /**
   * Read every access token for the token findings (owner deleted or inactive, expired, expiring, too long-lived).
   * @default true for a full audit (no `include`), else false
   */
  tokens?: boolean;
  /**
   * Read the activity log for last activity, views and dataset runs (the usage findings): `true`, or how (window,
   * chunk size, calls at once). Needs `admin.audit.view`; without it, or when chunks fail, the audit is incomplete.
   * @default true for a full audit (no `include`), else false
   */
  usage?: boolean | UsageOptions;
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
  const inventory = new Inventory(auth, call, {
    concurrency: options.concurrency ?? 16,
    tolerant: true,
    onProgress: options.onProgress as InventoryOptions['onProgress'],
  });
  const reader = new Reader(inventory);
  const takenAt = new Date().toISOString();
  const usageRead = startUsage(reader, options);
  const { me, grants, users, roles, groups, accounts, templates } = await readSections(reader, include).catch(
    async (error: unknown) => {
      await usageRead?.stop(error); // nothing left running behind a failed audit
      throw error;
    },
  );
  const usage = await usageRead?.read;
  if (usage) joinLastSeen(users, usage);
  const runs = usage ? await reader.accountRuns(accounts) : [];
  const content = (options.content ?? options.include === undefined) ? await reader.content(usage) : undefined;
  const { tokens, apiClients, tokenOwners } = await readTokens(reader, options.tokens ?? options.include === undefined);
  if (include.has('users'))
    await reader.activity(
      users,
      [...accounts, ...templates],
      [...(content ? contentUserOwners(content) : []), ...tokenOwners],
    );
  const caller = await reader.callerRole(me, users, roles);
  const sections = { roles, users, groups, accounts, templates };
  const failures = reader.failures;
  const gaps = [
    ...auditGaps(include, sections, caller.grants, failures),
    ...tokenGaps(failures),
    ...activityGaps(failures),
  ];
  const model: AuditModel = {
    instance: auth.instance,
    takenAt,
    grants,
    roles,
    users,
    groups,
    accounts,
    templates,
    ...(content ? { content: contentOf(content, users, groups) } : {}),
    ...(tokens ? { tokens } : {}),
    ...(apiClients ? { apiClients } : {}),
    ...(usage ? { usage: usageOf(usage, content, users, runs) } : {}),
    failures,
    complete: gaps.length === 0,
    gaps,
    caller: { id: caller.id, role: caller.role },
    counts: countsOf({ roles, users, groups, accounts, templates }, failures.length),
    requests: requestsOf(inventory, reader, tokens !== undefined, usage !== undefined),
  };
  return model;
}

/**
 * Starts reading the activity log when asked (by default in a full audit) — first, as it is the slowest read (about
 * 150 s a call on a busy instance, DS) and needs nothing else — and how to stop it.
 */
function startUsage(reader: Reader, options: AuditOptions) {
  const wanted = options.usage ?? options.include === undefined;
  if (!wanted) return undefined;
  const stop = new AbortController();
  const read = reader.usage(wanted === true ? {} : wanted, stop.signal);
  return {
    read,
    stop: async (reason: unknown) => {
      stop.abort(reason);
      await read.catch(() => undefined);
    },
  };
}

/** The sections asked for, side by side; role members from the users' roles. */
async function readSections(reader: Reader, include: ReadonlySet<AuditSection>) {
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
  return { me, grants, users, roles, groups, accounts, templates };
}

/** The access tokens and API clients (when asked for), and the users who own them. */
async function readTokens(reader: Reader, wanted: boolean) {
  const tokens = wanted ? await reader.tokens() : undefined;
  const apiClients = wanted ? await reader.apiClients() : undefined;
  const tokenOwners = [...(tokens ?? []), ...(apiClients ?? [])].flatMap((t) =>
    t.ownerId === null ? [] : [t.ownerId],
  );
  return { tokens, apiClients, tokenOwners };
}

/** How many of each section were read (live users only). */
function countsOf(
  sections: Omit<Record<AuditSection, readonly unknown[]>, 'users'> & { users: readonly AuditUser[] },
  failures: number,
): AuditModel['counts'] {
  return {
    roles: sections.roles.length,
    users: sections.users.filter((u) => !u.deleted).length,
    groups: sections.groups.length,
    accounts: sections.accounts.length,
    templates: sections.templates.length,
    failures,
  };
}

/** The requests sent, by what they read, and their total. */
function requestsOf(
  inventory: Inventory,
  reader: Reader,
  tokensRead: boolean,
  usageRead: boolean,
): AuditModel['requests'] {
  const { tokenRequests, activityRequests } = reader;
  const total = Object.values(inventory.requests).reduce((sum, n) => sum + n, 0) + tokenRequests + activityRequests;
  return {
    ...inventory.requests,
    ...(tokensRead || tokenRequests > 0 ? { tokens: tokenRequests } : {}),
    ...(usageRead ? { activity: activityRequests } : {}),
    total,
  };
}

/** A gap when the activity log could not be read whole (the caller lacks `admin.audit.view`, or chunks failed). */
function activityGaps(failures: readonly AuditFailure[]): AuditGap[] {
  const failed = failures.find((f) => f.section === 'activity');
  return failed
    ? [
        {
          section: 'activity',
          reason: `the activity log could not be read whole (${failed.error}): nobody is judged inactive from it`,
          missingGrant: 'admin.audit.view',
          visible: 0,
        },
      ]
    : [];
}

/** The usage section: the log's window and completeness, and what the content read says about views and runs. */
function usageOf(
  read: UsageRead,
  content: Awaited<ReturnType<typeof readContentOwners>> | undefined,
  users: readonly AuditUser[],
  accountRuns: AuditUsage['accountRuns'],
): AuditUsage {
  const byId = new Map(users.map((u) => [u.id, u]));
  const gone = (id: number) => byId.get(id)?.deleted === true || byId.get(id)?.active === false;
  const fromContent = content ? contentUsage(content, gone) : { unviewed: [], unviewedCount: 0 };
  return { ...read.usage, ...fromContent, accountRuns };
}

/** A gap when the token list could not be read (the caller lacks the token grants, or the read failed). */
function tokenGaps(failures: readonly AuditFailure[]): AuditGap[] {
  const failed = failures.filter((f) => f.section === 'tokens');
  return failed.length === 0
    ? []
    : [{ section: 'tokens', reason: `the access tokens could not be read (${failed[0]!.error})`, visible: 0 }];
}

/** The content section: orphaned when every owner is a deleted or inactive user; owners named from the users and groups read. */
function contentOf(
  read: Awaited<ReturnType<typeof readContentOwners>>,
  users: readonly AuditUser[],
  groups: readonly AuditGroup[],
): AuditContent[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  const groupNames = new Map(groups.map((g) => [g.id, g.name]));
  return contentSection(
    read,
    (id) => byId.get(id)?.deleted === true || byId.get(id)?.active === false,
    (p) => (p.type === 'USER' ? (byId.get(p.id)?.email ?? String(p.id)) : (groupNames.get(p.id) ?? String(p.id))),
  );
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

/** The audit's view of the inventory: each section read into the model's shapes. */
class Reader {
  constructor(readonly inventory: Inventory) {}

  get failures(): AuditFailure[] {
    return [
      ...this.inventory.failures.map(
        (f) => ({ ...f, section: f.section === 'catalogue' ? 'roles' : f.section }) as AuditFailure,
      ),
      ...this.contentFailures,
      ...this.tokenFailures,
      ...this.activityFailures,
    ];
  }

  /** The signed-in user (a rejected credential stops the audit here). */
  async whoAmI(): Promise<CurrentUser> {
    this.inventory.requests.caller += 1;
    return this.inventory.auth.whoAmI(this.inventory.call);
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
    const { auth, call, requests } = this.inventory;
    try {
      const roleId = me.roleId ?? users.find((u) => u.id === me.id)?.roleId ?? (await this.callerRoleId(me.id));
      if (roleId === undefined || roleId === null) return unknown;
      const read = roles.find((role) => role.id === roleId && !role.incomplete);
      if (read) return { id: me.id, role: read.name, grants: read.grants };
      requests.caller += 2;
      const [grants, role] = await Promise.all([getRoleGrants(auth, roleId, call), getRoleById(auth, roleId, call)]);
      return { id: me.id, role: role.data.name, grants: [...grants.data] };
    } catch (error) {
      if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      return unknown;
    }
  }

  /** The caller's role id from their v3 read (v2 reads carry none). */
  async callerRoleId(id: number): Promise<number | null | undefined> {
    this.inventory.requests.caller += 1;
    return (await getUserDetails(this.inventory.auth, id, this.inventory.call)).data.roleId;
  }

  async catalogue(): Promise<AuditGrant[]> {
    return (await this.inventory.catalogue()).map((g) => ({
      id: g.id,
      title: g.title ?? g.id,
      description: g.description ?? '',
      group: g.group ?? '',
    }));
  }

  async roles(): Promise<AuditRole[]> {
    const { roles, defaultId } = await this.inventory.roleList();
    return (await this.inventory.roleDetails(roles)).map(({ role, grants, incomplete }) => ({
      id: role.id,
      name: role.name,
      description: role.description ?? '',
      system: role.id <= LAST_SYSTEM_ROLE_ID,
      isDefault: role.id === defaultId,
      grants: [...(grants ?? [])].sort(),
      members: [],
      ...(incomplete ? { incomplete } : {}),
    }));
  }

  async users(): Promise<AuditUser[]> {
    return (await this.inventory.users()).map(auditUser);
  }

  async groups(): Promise<AuditGroup[]> {
    const records = await this.inventory.groupDetails(await this.inventory.groupList(), { members: 'all' });
    return records.map(({ group, members, owners, incomplete }) => ({
      id: group.id,
      name: group.name,
      type: group.type,
      description: group.description ?? '',
      owners: (owners ?? []).map((o) => ({ type: o.type, id: o.id, name: o.displayName ?? String(o.id) })),
      members: members ?? [],
      ...(incomplete ? { incomplete } : {}),
    }));
  }

  async credentials(section: 'accounts' | 'templates'): Promise<AuditCredential[]> {
    const records = await this.inventory.access(section, await this.inventory.credentials(section));
    return records.map(({ account, access, incomplete }) => ({
      id: account.id,
      name: account.displayName,
      provider: account.dataProviderType ?? '',
      shares: (access ?? []).map(share),
      ...(incomplete ? { incomplete } : {}),
    }));
  }

  /** Requests the token read sent. */
  tokenRequests = 0;
  readonly tokenFailures: AuditFailure[] = [];

  /**
   * Every access token (one request; never a value). Reading them needs "Manage all access tokens and API clients"
   * or "Manage all company settings": without, the failure is listed and the audit is incomplete.
   */
  async tokens(): Promise<AuditToken[] | undefined> {
    const { auth, call } = this.inventory;
    try {
      const { data } = await getAccessTokens(auth, { ...call, onRequest: () => (this.tokenRequests += 1) });
      return data.map((t) => ({
        id: t.id,
        name: t.name ?? '',
        ownerId: t.ownerId ?? null,
        ownerEmail: t.ownerEmail ?? null,
        expiresAt: typeof t.expires === 'number' ? new Date(t.expires).toISOString() : null,
        createdAt: typeof t.created === 'number' ? new Date(t.created).toISOString() : null,
      }));
    } catch (error) {
      if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      this.tokenFailures.push({
        section: 'tokens',
        name: 'access tokens',
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  /** Every API client (one request; never a secret); like {@link Reader.tokens} when it cannot be read. */
  async apiClients(): Promise<AuditApiClient[] | undefined> {
    const { auth, call } = this.inventory;
    try {
      const { data } = await getApiClients(auth, { ...call, onRequest: () => (this.tokenRequests += 1) });
      return data.map((c) => ({
        id: c.id,
        name: c.name ?? '',
        ownerId: c.userId == null || c.userId === '' ? null : Number(c.userId),
        scopes: c.scopes ?? [],
      }));
    } catch (error) {
      if (error instanceof DomoAuthError || error instanceof DomoAbortError) throw error;
      this.tokenFailures.push({
        section: 'tokens',
        name: 'API clients',
        error: error instanceof Error ? error.message : String(error),
      });
      return undefined;
    }
  }

  /** Requests the activity log read (and the account datasets read) sent. */
  activityRequests = 0;

  /** When each credential account's datasets last ran (one read per account, counted as `activity`). */
  async accountRuns(accounts: readonly AuditCredential[]): Promise<AuditUsage['accountRuns']> {
    const { auth, call } = this.inventory;
    const ids = accounts.map((a) => a.id);
    return readAccountRuns(auth, call, ids, () => (this.activityRequests += 1), this.activityFailures);
  }
  readonly activityFailures: AuditFailure[] = [];

  /** The activity log over the usage window (every call counted as `activity`); a failure is listed, not thrown. */
  async usage(options: UsageOptions, stop: AbortSignal): Promise<UsageRead> {
    const { auth, call } = this.inventory;
    const signal = call.signal ? AbortSignal.any([call.signal, stop]) : stop;
    const read = await readUsage(auth, { ...call, signal }, options, () => (this.activityRequests += 1));
    if (read.failure) this.activityFailures.push(read.failure);
    return read;
  }

  /**
   * Who owns every content type, counted as it streams (every request it sends counted as `content`); with the log
   * read whole, which datasets, cards and pages nobody viewed.
   */
  async content(usage?: UsageRead): Promise<Awaited<ReturnType<typeof readContentOwners>>> {
    const { auth, call, requests } = this.inventory;
    const viewed = usage?.usage.complete ? usage.viewed : undefined;
    const failures: AuditFailure[] = [];
    const read = await readContentOwners(auth, call, {
      onRequest: () => (requests.content += 1),
      failures,
      viewed,
    });
    this.contentFailures.push(...failures);
    return read;
  }

  readonly contentFailures: AuditFailure[] = [];

  /**
   * Whether the users who own a credential or content are active (one v3 read each; deleted owners need none).
   */
  async activity(users: AuditUser[], credentials: AuditCredential[], contentOwners: readonly number[]): Promise<void> {
    const byId = new Map(users.map((u) => [u.id, u]));
    const owners = [
      ...credentials.flatMap((c) =>
        c.shares.filter((s) => s.type === 'USER' && s.level === 'OWNER' && !byId.get(s.id)?.deleted).map((s) => s.id),
      ),
      ...contentOwners.filter((id) => byId.has(id) && !byId.get(id)?.deleted),
    ];
    for (const [id, details] of await this.inventory.userDetails([...new Set(owners)])) {
      const user = byId.get(id);
      if (user && details) user.active = details.active ?? true;
    }
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
    // The later of Domo's two attributes, where it gives them; the activity log is joined in later.
    lastActivity: Math.max(user.lastActivity ?? 0, user.lastLogin ?? 0) || null,
  };
}

function share(entry: AccessEntry): AuditPrincipal & { level: string } {
  return { type: entry.type, id: entry.id, name: entry.name ?? String(entry.id), level: entry.accessLevel };
}
