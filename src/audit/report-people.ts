import { csvButton, escape, humanDay } from './report-assets.js';
import type { AuditGroup, AuditModel, AuditRole, AuditUser } from './types.js';

/** A user as the report names them: the email, else the name. */
export function userLabel(user: AuditUser | undefined, id: number): string {
  return user ? user.email || user.name : `user ${id}`;
}

/** A link that opens a user's row (`#user-<id>`). */
function userLink(user: AuditUser | undefined, id: number): string {
  return `<a href="#user-${id}">${escape(userLabel(user, id))}</a>`;
}

/** A user's status in words: deleted, inactive (deactivated), or active. */
function status(user: AuditUser): string {
  if (user.deleted) return 'deleted';
  if (user.active === false) return 'inactive';
  return 'active';
}

/**
 * Every role as a detail to open — its grants (admin-level ones marked) and its members, each a link to their row —
 * what a click on a heatmap row, a bar of the chart or a role link opens.
 */
export function rolesSection(model: AuditModel, admin: ReadonlySet<string>): string {
  const users = new Map(model.users.map((u) => [u.id, u]));
  const details = model.roles.map((role) => {
    const grants = role.grants.map((g) => (admin.has(g) ? `<strong>${escape(g)}</strong>` : escape(g)));
    const adminCount = role.grants.filter((g) => admin.has(g)).length;
    const members = role.members.map((id) => `<li>${userLink(users.get(id), id)}</li>`);
    return `<details class="role-detail" id="role-${role.id}"><summary>${escape(role.name)} — ${role.members.length} member(s), ${role.grants.length} grant(s)${adminCount ? `, ${adminCount} admin-level` : ''}${role.isDefault ? ' (default)' : ''}</summary><p class="grants">${grants.join(', ') || 'no grants'}</p>${members.length ? `<ol>${members.join('')}</ol>` : '<p>No members.</p>'}</details>`;
  });
  return `<section id="roles"><h2>Roles and their members</h2><p class="legend">Admin-level grants in <strong>bold</strong>. Click a role in the heatmap or the chart to open it here.</p>${details.join('')}</section>`;
}

/** Every user: role, groups, last activity (a date and how long ago), status, access tokens. */
export function usersSection(model: AuditModel, now: number): string {
  const roles = new Map<number, AuditRole>(model.roles.map((r) => [r.id, r]));
  const groupsOf = new Map<number, string[]>();
  for (const group of model.groups)
    for (const id of group.members) {
      const names = groupsOf.get(id) ?? [];
      if (names.length === 0) groupsOf.set(id, names);
      names.push(group.name);
    }
  const tokens = new Map<number, number>();
  for (const token of model.tokens ?? [])
    if (token.ownerId !== null) tokens.set(token.ownerId, (tokens.get(token.ownerId) ?? 0) + 1);
  const rows = model.users.map((user) => {
    const role = user.roleId === null ? undefined : roles.get(user.roleId);
    const last = user.lastActivity === null ? 'never seen' : humanDay(user.lastActivity, now);
    return `<tr id="user-${user.id}"><td>${escape(user.name)}</td><td>${escape(user.email)}</td><td>${role ? `<a href="#role-${role.id}">${escape(role.name)}</a>` : '?'}</td><td>${escape((groupsOf.get(user.id) ?? []).join(', '))}</td><td data-value="${user.lastActivity ?? ''}">${escape(last)}</td><td class="status-${status(user)}">${status(user)}</td><td class="num">${tokens.get(user.id) ?? 0}</td></tr>`;
  });
  const usage = model.usage
    ? `<p class="legend">Last activity: the latest of Domo's attributes and the activity log (${model.usage.days} days read${model.usage.complete ? '' : ', <strong>not all of it</strong>'}).</p>`
    : '';
  return `<section id="users"><h2>Users (${model.users.length}) ${csvButton('user-table')}</h2>${usage}<div class="scroll"><table id="user-table" class="sortable"><thead><tr><th data-sort="text">name</th><th data-sort="text">email</th><th data-sort="text">role</th><th data-sort="text">groups</th><th data-sort="number">last activity</th><th data-sort="text">status</th><th data-sort="number">tokens</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}

/** Every group: type, owners, and its members behind a detail to open. */
export function groupsSection(model: AuditModel): string {
  const users = new Map(model.users.map((u) => [u.id, u]));
  const rows = model.groups.map((group: AuditGroup) => {
    const owners = group.owners.map((o) =>
      o.type === 'USER' ? userLink(users.get(o.id), o.id) : `group <a href="#group-${o.id}">${escape(o.name)}</a>`,
    );
    const members = group.members.map((id) => userLink(users.get(id), id));
    const list = members.length
      ? `<details><summary>${members.length} member(s)</summary>${members.join(', ')}</details>`
      : '0 members';
    return `<tr id="group-${group.id}"><td>${escape(group.name)}</td><td>${escape(group.type)}</td><td>${owners.join(', ') || '<em>no owner</em>'}</td><td data-value="${members.length}">${list}</td></tr>`;
  });
  return `<section id="groups"><h2>Groups (${model.groups.length}) ${csvButton('group-table')}</h2><div class="scroll"><table id="group-table" class="sortable"><thead><tr><th data-sort="text">name</th><th data-sort="text">type</th><th data-sort="text">owners</th><th data-sort="number">members</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></section>`;
}
