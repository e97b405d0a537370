import type { Finding } from './findings.js';
import { credentialsOf, type AuditModel } from './model.js';

/**
 * The audit as CSV files (RFC 4180, a header row each), by file name: `roles.csv` (role × grant), `users.csv`,
 * `groups.csv` (members and owners), `access.csv` (credential × principal, with the users each share reaches) and
 * `findings.csv`; with the content section (a full audit), `owners.csv` (type × owner, how many each owns) and
 * `orphaned.csv` (the orphaned objects kept, with their owners); with the tokens read, `tokens.csv` (never a value). A value a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is written with a leading `'`.
 */
export function auditCsv(model: AuditModel, findings: readonly Finding[]): Record<string, string> {
  const roleName = new Map(model.roles.map((r) => [r.id, r.name]));
  const email = new Map(model.users.map((u) => [u.id, u.email]));
  const users = new Map(model.users.map((u) => [u.id, u]));
  const groups = new Map(model.groups.map((g) => [g.id, g]));
  return {
    'roles.csv': csv(
      ['role_id', 'role', 'system', 'default', 'members', 'grant'],
      model.roles.flatMap((r) =>
        (r.grants.length ? r.grants : ['']).map((g) => [r.id, r.name, r.system, r.isDefault, r.members.length, g]),
      ),
    ),
    'users.csv': csv(
      ['user_id', 'name', 'email', 'role', 'deleted', 'active', 'last_activity'],
      model.users.map((u) => [
        u.id,
        u.name,
        u.email,
        u.roleId === null ? '' : (roleName.get(u.roleId) ?? u.roleId),
        u.deleted,
        u.active ?? '',
        u.lastActivity === null ? '' : new Date(u.lastActivity).toISOString(),
      ]),
    ),
    'groups.csv': csv(
      ['group_id', 'group', 'type', 'relation', 'principal_type', 'principal_id', 'principal'],
      model.groups.flatMap((g) => [
        ...g.owners.map((o) => [g.id, g.name, g.type, 'owner', o.type, o.id, email.get(o.id) ?? o.name]),
        ...g.members.map((id) => [g.id, g.name, g.type, 'member', 'USER', id, email.get(id) ?? id]),
      ]),
    ),
    'access.csv': accessCsv(model, email, groups),
    ...(model.content ? contentCsv(model.content) : {}),
    ...(model.tokens
      ? {
          'tokens.csv': csv(
            ['token_id', 'name', 'owner_id', 'owner', 'owner_deleted', 'owner_active', 'expires_at'],
            model.tokens.map((t) => {
              const owner = t.ownerId === null ? undefined : users.get(t.ownerId);
              return [
                t.id,
                t.name,
                t.ownerId ?? '',
                owner?.email ?? t.ownerEmail ?? '',
                owner?.deleted ?? '',
                owner?.active ?? '',
                t.expiresAt ?? '',
              ];
            }),
          ),
        }
      : {}),
    'findings.csv': csv(
      ['severity', 'kind', 'message', 'subjects'],
      findings.map((f) => [f.severity, f.kind, f.message, f.subjects.map((s) => `${s.type}:${s.id}`).join(' ')]),
    ),
  };
}

/** `owners.csv` (type × owner, how many) and `orphaned.csv` (each orphaned object kept, with its owners). */
function contentCsv(content: NonNullable<AuditModel['content']>): Record<string, string> {
  return {
    'owners.csv': csv(
      ['type', 'owner_type', 'owner_id', 'owner', 'count'],
      content.flatMap((c) => c.owners.map((o) => [c.type, o.type, o.id, o.name, o.count])),
    ),
    'orphaned.csv': csv(
      ['type', 'id', 'name', 'owner_ids'],
      content.flatMap((c) => c.orphaned.map((o) => [c.type, o.id, o.name, o.owners.join(' ')])),
    ),
  };
}

/** `access.csv`: one row per credential × principal, with how many users the share reaches. */
function accessCsv(
  model: AuditModel,
  email: ReadonlyMap<number, string>,
  groups: ReadonlyMap<number, AuditModel['groups'][number]>,
): string {
  const header = ['kind', 'credential_id', 'credential', 'provider', 'principal_type', 'principal_id', 'principal'];
  return csv(
    [...header, 'level', 'users_reached'],
    credentialsOf(model).flatMap(({ kind, credential: c }) =>
      c.shares.map((s) => [
        kind,
        c.id,
        c.name,
        c.provider,
        s.type,
        s.id,
        s.type === 'GROUP' ? (groups.get(s.id)?.name ?? s.name) : (email.get(s.id) ?? s.name),
        s.level,
        s.type === 'GROUP' ? (groups.get(s.id)?.members.length ?? 0) : 1,
      ]),
    ),
  );
}

/** RFC 4180 text: a header row, then the rows; formula-looking cells quoted with a leading `'`. */
export function csv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map(csvRow).join('');
}

/** One RFC 4180 row with its line end (for files written a row at a time). */
export function csvRow(row: readonly unknown[]): string {
  return `${row.map(cell).join(',')}\r\n`;
}

function cell(value: unknown): string {
  let text = typeof value === 'string' ? value : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
