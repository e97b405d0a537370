import type { AccountConfig } from '../classes/account/config.js';
import type { DomoAccount } from '../classes/account/account.js';
import type { DomoGroup } from '../classes/group/group.js';
import type { DomoRole } from '../classes/role/role.js';
import type { DomoUser } from '../classes/user/user.js';
import type { AccessEntry } from '../routes/account/schemas.js';
import { formatTable } from './table.js';

/** A config as `key=value` pairs, secrets shown as [REDACTED]. */
export function configText(config: AccountConfig | undefined): string {
  if (!config) return '';
  if (!config.stored) return '(OAuth: no stored config)';
  return Object.entries(config.toJSON())
    .map(([key, value]) => `${key}=${value === null ? 'null' : String(value as string)}`)
    .join(' ');
}

export function accountsTable(accounts: readonly DomoAccount[], withConfig: boolean): string {
  return formatTable(
    accounts,
    [
      { header: 'ID', value: (a) => a.id, right: true },
      { header: 'NAME', value: (a) => a.displayName },
      { header: 'PROVIDER', value: (a) => a.dataProviderType },
      { header: 'OWNER', value: (a) => ownersText(a.owners) },
      { header: 'MODIFIED', value: (a) => a.modifiedAt },
      ...(withConfig ? [{ header: 'CONFIG', value: (a: DomoAccount) => configText(a.config) }] : []),
    ],
    '(no accounts)',
  );
}

/** The owners from an access list, by name (`group <name>` for a group); `?` when the list was not read. */
export function ownersText(owners: readonly AccessEntry[] | undefined): string {
  if (owners === undefined) return '?';
  if (owners.length === 0) return '(none)';
  return owners.map((o) => (o.type === 'GROUP' ? `group ${o.name ?? o.id}` : (o.name ?? `user ${o.id}`))).join(', ');
}

export function accessTable(access: readonly AccessEntry[]): string {
  return formatTable(
    access,
    [
      { header: 'TYPE', value: (row) => row.type },
      { header: 'ID', value: (row) => row.id, right: true },
      { header: 'NAME', value: (row) => row.name },
      { header: 'ACCESS', value: (row) => row.accessLevel },
    ],
    '(nobody)',
  );
}

export function rolesTable(roles: readonly DomoRole[]): string {
  return formatTable(
    roles,
    [
      { header: 'ID', value: (r) => r.id, right: true },
      { header: 'NAME', value: (r) => r.name },
      { header: 'GRANTS', value: (r) => r.authorityCount, right: true },
      { header: 'USERS', value: (r) => r.userCount, right: true },
      {
        header: '',
        value: (r) => [r.isSystemRole ? 'system' : '', r.isDefault ? 'default' : ''].filter(Boolean).join(', '),
      },
    ],
    '(no roles)',
  );
}

export function membersTable(members: readonly DomoUser[]): string {
  return formatTable(
    members,
    [
      { header: 'USER', value: (m) => m.id, right: true },
      { header: 'NAME', value: (m) => m.displayName },
      { header: 'EMAIL', value: (m) => m.email },
    ],
    '(no members)',
  );
}

/** Users, their role by name (from `roles`, else the name the read gave; an id only when neither says). */
export function usersTable(users: readonly DomoUser[], roles?: ReadonlyMap<number, string>): string {
  const roleOf = (u: DomoUser) =>
    (u.roleId === undefined ? undefined : roles?.get(u.roleId)) ?? u.roleName ?? (u.roleId ? `role ${u.roleId}` : '');
  return formatTable(
    users,
    [
      { header: 'ID', value: (u) => u.id, right: true },
      { header: 'NAME', value: (u) => u.displayName },
      { header: 'EMAIL', value: (u) => u.email },
      { header: 'ROLE', value: roleOf },
      { header: 'TITLE', value: (u) => u.title },
      { header: 'LAST ACTIVE', value: (u) => u.lastActivity },
    ],
    '(no users)',
  );
}

export function groupsTable(groups: readonly DomoGroup[]): string {
  return formatTable(
    groups,
    [
      { header: 'ID', value: (g) => g.id, right: true },
      { header: 'NAME', value: (g) => g.name },
      { header: 'TYPE', value: (g) => g.type },
      { header: 'MEMBERS', value: (g) => g.memberCount, right: true },
    ],
    '(no groups)',
  );
}
