import type { DomoAccessToken } from '../classes/access-token/access-token.js';
import type { DomoAccount } from '../classes/account/account.js';
import type { DomoApiClient } from '../classes/api-client/api-client.js';
import type { ActivityEvent } from '../classes/activity/harvest.js';
import type { DomoSession } from '../classes/session/session.js';
import type { CredentialEntity } from '../classes/account/credential.js';
import type { DomoOAuthAccount } from '../classes/account/oauth-account.js';
import type { DomoCard } from '../classes/card/card.js';
import type { DomoDataset } from '../classes/dataset/dataset.js';
import type { DomoDashboard } from '../classes/page/page.js';
import type { DomoApp } from '../classes/app/app.js';
import type { AppAccessEntry } from '../routes/app/schemas.js';
import type { DomoGroup } from '../classes/group/group.js';
import type { DomoGrant } from '../classes/role/grant.js';
import type { DomoRole } from '../classes/role/role.js';
import type { DomoUser } from '../classes/user/user.js';
import type { DomoOwnedObject } from '../classes/single-owner.js';
import type { AccessEntry } from '../routes/account/schemas.js';
import type { DatasetAccessEntry } from '../routes/dataset/schemas.js';
import type { Principal } from '../routes/group/schemas.js';

/**
 * The `--json` shape of each kind the CLI prints: one shape per kind, whichever command prints it. Every field is
 * always present (`null` when Domo did not say), ids are numbers (grant ids are strings), dates are ISO 8601 strings,
 * and a role id always comes with the role's name. Their zod schemas are in `kinds-schema.ts` (`domo-admin schema
 * --kind <kind>` prints one as JSON Schema); these functions make them from entities without loading zod.
 */

/** A user or a group, named. */
export interface PrincipalJson {
  type: 'user' | 'group';
  id: number;
  name: string | null;
}

/** A principal and its access level on a credential. */
export interface AccessJson extends PrincipalJson {
  accessLevel: string;
}

export interface UserJson {
  id: number;
  displayName: string | null;
  email: string | null;
  roleId: number | null;
  role: string | null;
  title: string | null;
  department: string | null;
  phoneNumber: string | null;
  employeeId: string | null;
  hireDate: string | null;
  lastActivity: string | null;
  createdAt: string | null;
  active: boolean | null;
  /** On `users show`. */
  groups?: { id: number; name: string }[];
  /** On `whoami`: the instance the credentials are for. */
  instance?: string;
}

export interface RoleJson {
  id: number;
  name: string;
  description: string | null;
  /** `null` when the read did not say (only `roles list` and `roles default` do). */
  isDefault: boolean | null;
  isSystem: boolean;
  grantCount: number | null;
  memberCount: number | null;
  createdAt: string | null;
  modifiedAt: string | null;
  /** On `roles show`. */
  grants?: string[];
  /** On `roles show`. */
  members?: UserJson[];
}

export interface GroupJson {
  id: number;
  name: string;
  description: string | null;
  type: string;
  memberCount: number | null;
  createdAt: string | null;
  /** On `groups show`. */
  owners?: PrincipalJson[];
  /** On `groups show`. */
  members?: UserJson[];
}

interface CredentialJson {
  id: number;
  name: string;
  displayName: string;
  provider: string;
  credentialsType: string | null;
  createdAt: string | null;
  createdBy: number | null;
  modifiedAt: string | null;
  modifiedBy: number | null;
  /** Users and groups with OWNER access; `null` when not read. */
  owners: PrincipalJson[] | null;
  /** On `show` and after a share change. */
  access?: AccessJson[];
  /** On `show` and `list --with-config`: secrets as `[REDACTED]`. */
  config?: Record<string, unknown> | null;
}

export interface AccountJson extends CredentialJson {
  valid: boolean | null;
}

export interface OAuthTemplateJson extends CredentialJson {
  enabled: boolean | null;
  origin: string | null;
}

export interface GrantJson {
  id: string;
  title: string | null;
  description: string | null;
  group: string | null;
  dependsOn: string[];
}

export interface DatasetJson {
  id: string;
  name: string;
  description: string | null;
  provider: string | null;
  /** The one owner (the responsible user). */
  owner: PrincipalJson | null;
  accountId: number | null;
  rowCount: number | null;
  columnCount: number | null;
  createdAt: string | null;
  lastUpdated: string | null;
  /** On `datasets show`. */
  access?: AccessJson[];
}

export interface CardJson {
  id: number;
  title: string;
  type: string | null;
  /** Users and groups; a card may have several. */
  owners: PrincipalJson[];
  datasetIds: string[];
  createdAt: string | null;
  lastModified: string | null;
}

export interface AppJson {
  id: number;
  title: string;
  owners: PrincipalJson[];
  lastModified: string | null;
  /** On `apps show`: who can open it. */
  access?: AccessJson[];
}

export interface PageJson {
  id: number;
  title: string;
  parentPageId: number | null;
  owners: PrincipalJson[];
  /** On `pages show` (a page read); empty from the list. */
  cardIds: number[];
}

/**
 * A piece of content exactly one user owns (a dataflow, a beast mode, an alert, …): `type` says which; `details`
 * holds what that type adds (a dataflow's input and output datasets, …).
 */
export interface ContentJson {
  type: string;
  id: number | string;
  name: string;
  /** The one owner, as the last read (or, from a list, the list) gave it. */
  owner: PrincipalJson | null;
  createdAt: string | null;
  lastModified: string | null;
  details: Record<string, unknown>;
}

/** One thing a change added or removed: a user, a group (with a level, for a share) or a grant. */
export interface ChangeItemJson {
  type: 'user' | 'group' | 'grant';
  id: number | string;
  name: string | null;
  /** A share's level; a membership's `member` or `owner`. */
  as: string;
}

/** What a write changed on one object; `deleted` when the object itself is gone. */
export interface ChangeJson {
  /** The object's kind; a single-owner content type (`dataflow`, …) as its `content` item's `type` says it. */
  type: 'role' | 'group' | 'account' | 'oauthTemplate' | 'user' | 'dataset' | 'card' | 'page' | 'app' | (string & {});
  id: number | string;
  name: string | null;
  added: ChangeItemJson[];
  removed: ChangeItemJson[];
  deleted: boolean;
}

/** Every list: the items, and those that could not be read completely. */
export interface ListJson<T> {
  items: T[];
  failed: { id: number; error: string }[];
}

function iso(date: Date | undefined | null): string | null {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

function orNull<T>(value: T | undefined | null): T | null {
  return value ?? null;
}

/** A user; its role named from `roles` (every role's name by id) or the name its read gave. */
export function userJson(user: DomoUser, roles?: ReadonlyMap<number, string>): UserJson {
  const roleId = orNull(user.roleId);
  return {
    id: user.id,
    displayName: orNull(user.displayName),
    email: orNull(user.email),
    roleId,
    role: (roleId === null ? undefined : roles?.get(roleId)) ?? orNull(user.roleName),
    title: orNull(user.title),
    department: orNull(user.department),
    phoneNumber: orNull(user.phoneNumber),
    employeeId: orNull(user.employeeId),
    hireDate: iso(user.hireDate),
    lastActivity: iso(user.lastActivity),
    createdAt: iso(user.createdAt),
    active: orNull(user.active),
  };
}

export function roleJson(
  role: DomoRole,
  detail: { grants?: readonly string[]; members?: readonly DomoUser[] } = {},
): RoleJson {
  const roles = new Map([[role.id, role.name]]);
  return {
    id: role.id,
    name: role.name,
    description: role.description || null,
    isDefault: role.isDefault ?? null,
    isSystem: role.isSystemRole,
    grantCount: orNull(role.authorityCount),
    memberCount: orNull(role.userCount),
    createdAt: iso(role.createdAt),
    modifiedAt: iso(role.modifiedAt),
    ...(detail.grants ? { grants: [...detail.grants] } : {}),
    ...(detail.members ? { members: detail.members.map((m) => userJson(m, roles)) } : {}),
  };
}

export function principalJson(principal: Principal | AccessEntry): PrincipalJson {
  const name = 'name' in principal ? principal.name : (principal as Principal).displayName;
  return { type: principal.type === 'GROUP' ? 'group' : 'user', id: principal.id, name: orNull(name as string) };
}

export function groupJson(
  group: DomoGroup,
  detail: { owners?: readonly Principal[]; members?: readonly DomoUser[]; roles?: ReadonlyMap<number, string> } = {},
): GroupJson {
  return {
    id: group.id,
    name: group.name,
    description: group.description || null,
    type: group.type,
    memberCount: orNull(group.memberCount),
    createdAt: iso(group.createdAt),
    ...(detail.owners ? { owners: detail.owners.map(principalJson) } : {}),
    ...(detail.members ? { members: detail.members.map((m) => userJson(m, detail.roles)) } : {}),
  };
}

function credentialJson(entity: CredentialEntity, owners: PrincipalJson[] | null): CredentialJson {
  return {
    id: entity.id,
    name: entity.name,
    displayName: entity.displayName,
    provider: entity.dataProviderType,
    credentialsType: orNull(entity.credentialsType),
    createdAt: iso(entity.createdAt),
    createdBy: orNull(entity.createdBy),
    modifiedAt: iso(entity.modifiedAt),
    modifiedBy: orNull(entity.modifiedBy),
    owners,
    ...(entity.access
      ? { access: entity.access.map((a) => ({ ...principalJson(a), accessLevel: a.accessLevel })) }
      : {}),
    ...(entity.config ? { config: entity.config.stored ? entity.config.toJSON() : null } : {}),
  };
}

export function accountJson(account: DomoAccount): AccountJson {
  return { ...credentialJson(account, account.owners?.map(principalJson) ?? null), valid: orNull(account.valid) };
}

/** An OAuth template; its owners named from its access list when read, else from `names` (user names by id). */
export function templateJson(template: DomoOAuthAccount, names?: ReadonlyMap<number, string>): OAuthTemplateJson {
  const owners =
    template.owners?.map(principalJson) ??
    template.ownerIds?.map((id) => ({ type: 'user' as const, id, name: names?.get(id) ?? null })) ??
    null;
  return { ...credentialJson(template, owners), enabled: orNull(template.enabled), origin: orNull(template.origin) };
}

export function grantJson(grant: DomoGrant): GrantJson {
  return {
    id: grant.id,
    title: orNull(grant.title),
    description: orNull(grant.description),
    group: orNull(grant.group),
    dependsOn: [...(grant.dependsOn ?? [])],
  };
}

/** The object a change report is about. */
export interface ChangeTarget {
  type: ChangeJson['type'];
  id: number | string;
  name: string | null;
}

/** A change report: what was added and removed on `target` (or, `deleted`, the target itself gone). */
export function changeJson(
  target: ChangeTarget,
  added: readonly ChangeItemJson[],
  removed: readonly ChangeItemJson[],
  deleted = false,
): ChangeJson {
  return { type: target.type, id: target.id, name: target.name, added: [...added], removed: [...removed], deleted };
}

/** A user in a change: named by display name, else email. */
export function userItem(
  user: { id: number; displayName?: string | null; email?: string | null },
  as: string,
): ChangeItemJson {
  return { type: 'user', id: user.id, name: user.displayName || user.email || null, as };
}

/** Users of a change report given by id, named from the users the command resolved. */
export function userItems(ids: readonly number[], users: readonly DomoUser[], as: string): ChangeItemJson[] {
  const byId = new Map(users.map((u) => [u.id, u]));
  return ids.map((id) => userItem(byId.get(id) ?? { id }, as));
}

export function grantItems(ids: readonly string[]): ChangeItemJson[] {
  return ids.map((id) => ({ type: 'grant', id, name: null, as: 'grant' }));
}

/** A principal's access in a share change. */
export function accessItem(principal: PrincipalJson, accessLevel: string): ChangeItemJson {
  return { ...principal, as: accessLevel };
}

/** A dataset; its owner named as the read gave it; its access list when read. */
export function datasetJson(dataset: DomoDataset, access?: readonly DatasetAccessEntry[]): DatasetJson {
  return {
    id: dataset.id,
    name: dataset.name,
    description: dataset.description || null,
    provider: orNull(dataset.dataProviderType),
    owner:
      dataset.ownerId === undefined ? null : { type: 'user', id: dataset.ownerId, name: orNull(dataset.ownerName) },
    accountId: orNull(dataset.accountId),
    rowCount: orNull(dataset.rowCount),
    columnCount: orNull(dataset.columnCount),
    createdAt: iso(dataset.createdAt),
    lastUpdated: iso(dataset.lastUpdated),
    ...(access
      ? {
          access: access.map((a) => ({
            ...principalJson({ ...a, name: a.name ?? undefined }),
            accessLevel: a.accessLevel,
          })),
        }
      : {}),
  };
}

/** An access token as every command prints it: never its value. */
export interface AccessTokenJson {
  id: string;
  name: string;
  owner: PrincipalJson | null;
  ownerEmail: string | null;
  ownerDeleted: boolean | null;
  ownerActive: boolean | null;
  expiresAt: string | null;
  expiresInDays: number | null;
  createdAt: string | null;
}

/** A token just made: its value (shown this once) unless it went into a credential account. */
export interface NewAccessTokenJson {
  token: AccessTokenJson;
  value: string | null;
  storedIn: { id: number; name: string; field: string } | null;
}

export function accessTokenJson(token: DomoAccessToken, now: number = Date.now()): AccessTokenJson {
  const email = token.owner?.email ?? token.ownerEmail ?? null;
  return {
    id: token.id,
    name: token.name,
    owner: token.ownerId === undefined ? null : { type: 'user', id: token.ownerId, name: orNull(email) },
    ownerEmail: orNull(email),
    ownerDeleted: token.owner ? token.owner.isDeleted : null,
    ownerActive: token.owner?.active ?? null,
    expiresAt: iso(token.expiresAt),
    expiresInDays: token.expiresInDays(now) ?? null,
    createdAt: iso(token.createdAt),
  };
}

/** An API client as every command prints it: never its secret. */
export interface ApiClientJson {
  id: string;
  name: string;
  clientId: string | null;
  owner: PrincipalJson | null;
  ownerDeleted: boolean | null;
  scopes: string[];
  description: string | null;
}

export function apiClientJson(client: DomoApiClient): ApiClientJson {
  const email = client.owner?.email ?? null;
  return {
    id: client.id,
    name: client.name,
    clientId: orNull(client.clientId),
    owner: client.ownerId === undefined ? null : { type: 'user', id: client.ownerId, name: orNull(email) },
    ownerDeleted: client.ownerId === undefined ? null : client.owner ? client.owner.isDeleted : true,
    scopes: [...client.scopes],
    description: orNull(client.description),
  };
}

/** An open session: its id and user (never its token). */
export interface SessionJson {
  id: string;
  user: PrincipalJson;
  createdAt: string | null;
}

export function sessionJson(session: DomoSession): SessionJson {
  return {
    id: session.id,
    user: { type: 'user', id: session.userId, name: orNull(session.user?.email) },
    createdAt: iso(session.createdAt),
  };
}

/** One event of the activity log (also each line of `activity export` to `.jsonl`). */
export interface ActivityEventJson {
  time: string;
  userId: number | null;
  userName: string | null;
  actionType: string;
  objectType: string;
  objectId: string | null;
  objectName: string | null;
  eventText: string | null;
  additionalComment: string | null;
}

export function activityEventJson(event: ActivityEvent): ActivityEventJson {
  return {
    time: new Date(event.time).toISOString(),
    userId: event.userId,
    userName: event.userName || null,
    actionType: event.actionType,
    objectType: event.objectType,
    objectId: event.objectId || null,
    objectName: event.objectName || null,
    eventText: event.eventText || null,
    additionalComment: event.additionalComment || null,
  };
}

/** What `activity export` wrote, and which chunks failed (re-read them with `--resume`). */
export interface ActivityExportJson {
  out: string;
  events: number;
  chunks: number;
  complete: boolean;
  failed: { label: string; objectType: string; from: string; to: string; error: string }[];
  failedFile: string | null;
}

/** A single-owner object (see {@link ContentJson}). */
export function contentJson(thing: DomoOwnedObject): ContentJson {
  const kind = (thing.constructor as unknown as { family: { kind: string } }).family.kind;
  return {
    type: kind,
    id: thing.id,
    name: thing.name,
    owner: thing.ownerId === undefined ? null : { type: 'user', id: thing.ownerId, name: orNull(thing.ownerName) },
    createdAt: iso(thing.createdAt),
    lastModified: iso(thing.lastModified),
    details: thing.details(),
  };
}

export function cardJson(card: DomoCard): CardJson {
  return {
    id: card.id,
    title: card.title,
    type: orNull(card.type),
    owners: card.owners.map((o) => ({ type: o.type === 'GROUP' ? 'group' : 'user', id: o.id, name: orNull(o.name) })),
    datasetIds: [...card.datasetIds],
    createdAt: iso(card.createdAt),
    lastModified: iso(card.lastModified),
  };
}

/** An App Studio app; its access list when read. */
export function appJson(app: DomoApp, access?: readonly AppAccessEntry[]): AppJson {
  return {
    id: app.id,
    title: app.title,
    owners: app.owners.map((o) => ({ type: o.type === 'GROUP' ? 'group' : 'user', id: o.id, name: orNull(o.name) })),
    lastModified: iso(app.lastModified),
    ...(access
      ? {
          access: access.map((e) => ({
            type: e.type === 'GROUP' ? ('group' as const) : ('user' as const),
            id: e.id,
            name: orNull(e.name),
            accessLevel: e.accessLevel ?? 'CAN_VIEW',
          })),
        }
      : {}),
  };
}

export function pageJson(page: DomoDashboard): PageJson {
  return {
    id: page.id,
    title: page.title,
    parentPageId: orNull(page.parentPageId),
    owners: page.owners.map((o) => ({ type: o.type === 'GROUP' ? 'group' : 'user', id: o.id, name: orNull(o.name) })),
    cardIds: [...page.cardIds],
  };
}
