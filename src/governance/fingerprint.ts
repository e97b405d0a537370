import { createHash } from 'node:crypto';
import type { Group } from '../routes/group/schemas.js';
import type { Role } from '../routes/role/schemas.js';
import type { User } from '../routes/user/schemas.js';
import type { AccountState } from './kinds/accounts/plan.js';
import type { GroupState } from './kinds/groups/plan.js';
import type { RoleState } from './kinds/roles/plan.js';

/** A stable hash of what planning read, in id order (answer order does not count). */
export function fingerprint(
  roles: Role[],
  defaultId: number,
  read: { roles: Map<string, RoleState>; groups: Map<number, GroupState>; accounts: Map<string, AccountState> },
  groups: Map<string, Group> | undefined,
  users: Map<string, User>,
): string {
  const byId = <T extends { id: number }>(items: Iterable<T>) => [...items].sort((a, b) => a.id - b.id);
  const numbers = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  const seen = {
    defaultId,
    roles: byId(roles).map((r) => [r.id, r.name, r.description ?? '']),
    roleStates: byId([...read.roles.values()].map((s) => ({ ...s, id: s.role.id }))).map((s) => [
      s.id,
      [...s.grants].sort(),
      numbers(s.members.keys()),
    ]),
    groups: byId(groups?.values() ?? []).map((g) => [g.id, g.name, g.type ?? '', g.description ?? '']),
    groupStates: byId([...read.groups.values()].map((s) => ({ ...s, id: s.group.id }))).map((s) => [
      s.id,
      numbers(s.members),
      numbers(s.owners),
    ]),
    accounts: byId([...read.accounts.values()].map((s) => ({ ...s, id: s.account.id }))).map((s) => [
      s.id,
      s.account.displayName,
      s.access.map((e) => `${e.type}:${e.id}:${e.accessLevel}`).sort(),
    ]),
    users: [...users].map(([ref, u]) => [ref, u.id, u.roleId ?? null, u.emailAddress ?? null]).sort(),
  };
  return createHash('sha256').update(JSON.stringify(seen)).digest('hex');
}
