import { parseId } from '../internal/refs.js';
import { DomoInputError } from '../client/errors.js';
import { oneByEmail } from '../classes/names.js';
import { closeMatches } from '../internal/suggest.js';
import {
  credentialsOf,
  type AuditCredential,
  type AuditGroup,
  type AuditModel,
  type AuditRole,
  type AuditUser,
} from './model.js';

/** A user who holds a grant, and the role it comes through. */
export interface GrantHolder {
  user: AuditUser;
  role: AuditRole;
}

/**
 * Who holds a grant, and through which role (a user's grants are their role's).
 * @throws {DomoInputError} the grant is not in the catalogue (with close names)
 */
export function whoCan(model: AuditModel, grant: string): GrantHolder[] {
  if (!model.grants.some((g) => g.id === grant)) {
    const close = closeMatches(
      grant,
      model.grants.map((g) => g.id),
    );
    throw new DomoInputError(
      `no grant ${JSON.stringify(grant)} in the catalogue${close.length ? ` (did you mean ${close.join(' or ')}?)` : ''}`,
      { field: 'grant', route: 'whoCan' },
    );
  }
  const users = new Map(model.users.map((u) => [u.id, u]));
  return model.roles
    .filter((role) => role.grants.includes(grant))
    .flatMap((role) => role.members.flatMap((id) => (users.has(id) ? [{ user: users.get(id)!, role }] : [])))
    .sort((a, b) => a.user.email.localeCompare(b.user.email));
}

/** How a principal reaches a credential: directly, or as a member of a group it is shared with. */
export interface Route {
  level: string;
  /** `direct`, or the group it comes through. */
  via: 'direct' | { group: string; id: number };
}

/** Everyone a credential reaches, expanded through groups: user id → every route, highest level first. */
export function reachOf(model: AuditModel, credential: AuditCredential): Map<number, Route[]> {
  const groups = new Map(model.groups.map((g) => [g.id, g]));
  const reach = new Map<number, Route[]>();
  const add = (id: number, route: Route) => reach.set(id, [...(reach.get(id) ?? []), route]);
  for (const share of credential.shares) {
    if (share.type === 'USER') add(share.id, { level: share.level, via: 'direct' });
    else {
      const group = groups.get(share.id);
      for (const id of group?.members ?? [])
        add(id, { level: share.level, via: { group: group?.name ?? share.name, id: share.id } });
    }
  }
  for (const routes of reach.values()) routes.sort(byLevel);
  return reach;
}

/** Everything one user reaches, and why. */
export interface UserAccess {
  user: AuditUser;
  role: AuditRole | undefined;
  grants: string[];
  groups: { group: AuditGroup; member: boolean; owner: boolean }[];
  credentials: { kind: 'account' | 'template'; credential: AuditCredential; level: string; routes: Route[] }[];
}

/**
 * Everything one user reaches: their role and its grants, the groups they belong to or own, and every account and
 * OAuth template they can use, with the highest level and each route (direct or through which group).
 * The user is an email (exact, case-insensitive: the rule every email lookup follows) or a user id.
 * @throws {DomoInputError} no such user in the model
 * @throws {DomoAmbiguousNameError} two users' emails differ only by case
 */
export function userAccess(model: AuditModel, userRef: string | number): UserAccess {
  const text = String(userRef).trim();
  const live = model.users.filter((u) => !u.deleted);
  const id = parseId(text);
  const user = id !== undefined ? live.find((u) => u.id === id) : oneByEmail(live, text, (u) => u.email);
  if (!user) throw new DomoInputError(`no user ${text}`, { field: 'user', route: 'userAccess' });
  const role = model.roles.find((r) => r.id === user.roleId);
  const groups = model.groups
    .map((group) => ({
      group,
      member: group.members.includes(user.id),
      owner: group.owners.some((o) => o.type === 'USER' && o.id === user.id),
    }))
    .filter((g) => g.member || g.owner);
  const inGroups = new Set(groups.filter((g) => g.member).map((g) => g.group.id));
  const groupNames = new Map(model.groups.map((g) => [g.id, g.name]));
  const credentials = credentialsOf(model).flatMap(({ kind, credential }) => {
    const routes = credential.shares
      .filter((s) => (s.type === 'USER' ? s.id === user.id : inGroups.has(s.id)))
      .map((s): Route => ({
        level: s.level,
        via: s.type === 'USER' ? 'direct' : { group: groupNames.get(s.id) ?? s.name, id: s.id },
      }))
      .sort(byLevel);
    return routes.length > 0 ? [{ kind, credential, level: routes[0]!.level, routes }] : [];
  });
  return { user, role, grants: role?.grants ?? [], groups, credentials };
}

const LEVELS = ['CAN_VIEW', 'CAN_EDIT', 'CAN_SHARE', 'OWNER'];
/** Highest access level first. */
function byLevel(a: Route, b: Route): number {
  return LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level);
}
