import { stringify } from 'yaml';
import type { DomoAuth } from '../auth/base.js';
import { mapAll } from '../client/concurrency.js';
import { DomoInputError } from '../client/errors.js';
import { getAccounts } from '../routes/account/core.js';
import { getAccountAccessList } from '../routes/account/sharing.js';
import { getAllGroups } from '../routes/group/core.js';
import type { Group } from '../routes/group/schemas.js';
import { getDefaultRole } from '../routes/role/default.js';
import { getRoles } from '../routes/role/core.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role.js';
import { MAX_IDS_PER_SEARCH, searchAllUsers, userIdFilter } from '../routes/user/search.js';
import { accountSpec } from './before.js';
import { readGroupStates } from './plan-groups.js';
import { readRoles } from './plan.js';
import type { Spec, SpecAccount, SpecGroup, SpecRole } from './spec.js';

/** The parts of an instance a spec can describe. */
export const SPEC_SECTIONS = ['roles', 'groups', 'accounts'] as const;
/** One of {@link SPEC_SECTIONS}. */
export type SpecSection = (typeof SPEC_SECTIONS)[number];

/** Options of {@link exportSpec}. */
export interface ExportOptions extends CallOptions {
  /** Only these sections. @default every section */
  only?: readonly SpecSection[];
  /** Requests in flight at most (per-object reads: grants, members, access lists). @default 16 */
  concurrency?: number;
}

/**
 * The instance as a spec, to bootstrap governance: custom roles (description, exact grants, members by email,
 * authoritative), the default role, the groups whose membership is not managed by Domo or an identity provider (type,
 * description, owners and direct members by email, authoritative), and every account's sharing (group shares by
 * name, user shares by email, the owner). Users without an email in the answer are written by id.
 */
export async function exportSpec(auth: DomoAuth, options: ExportOptions = {}): Promise<Spec> {
  const only = new Set(options.only ?? SPEC_SECTIONS);
  for (const section of only) {
    if (!(SPEC_SECTIONS as readonly string[]).includes(section))
      throw new DomoInputError(`unknown section ${JSON.stringify(section)}; sections: ${SPEC_SECTIONS.join(', ')}`, {
        field: 'only',
        route: 'exportSpec',
      });
  }
  const call = callOptions(options);
  const concurrency = options.concurrency ?? 16;
  const groups = only.has('groups') || only.has('accounts') ? await allGroups(auth, call) : [];
  const [roles, groupSpecs, accounts] = await Promise.all([
    only.has('roles') ? exportRoles(auth, concurrency, call) : undefined,
    only.has('groups') ? exportGroups(auth, groups, concurrency, call) : undefined,
    only.has('accounts') ? exportAccounts(auth, groups, concurrency, call) : undefined,
  ]);
  return {
    instance: auth.instance,
    ...(roles ? { roles: roles.roles, default_role: roles.defaultRole } : {}),
    ...(groupSpecs ? { groups: groupSpecs } : {}),
    ...(accounts ? { accounts } : {}),
  };
}

/** A spec as YAML, with a header naming the JSON Schema for editors. */
export function specToYaml(spec: Spec): string {
  return `# yaml-language-server: $schema=https://unpkg.com/domo-admin/schema/spec.schema.json\n${stringify(spec, { lineWidth: 0 })}`;
}

async function exportRoles(
  auth: DomoAuth,
  concurrency: number,
  call: CallOptions,
): Promise<{ roles: Record<string, SpecRole>; defaultRole: string }> {
  const [{ data: all }, { data: defaultId }] = await Promise.all([getRoles(auth, call), getDefaultRole(auth, call)]);
  const custom = all.filter((role) => role.id > LAST_SYSTEM_ROLE_ID);
  const details = [...(await readRoles(auth, custom, concurrency, call)).values()].map(({ role, grants, members }) => ({
    role,
    grants,
    members: [...members].map(([id, email]) => ({ id, email: email.includes('@') ? email : undefined })),
  }));
  const emails = await emailsOf(
    auth,
    details.flatMap((d) => d.members),
    call,
  );
  const roles = Object.fromEntries(
    details.map(({ role, grants, members }) => [
      role.name,
      {
        ...(role.description ? { description: role.description } : {}),
        grants: [...grants].sort(),
        members: sortedUsers(members.map((m) => emails.get(m.id) ?? m.id)),
        membership: 'authoritative' as const,
      },
    ]),
  );
  return { roles, defaultRole: all.find((role) => role.id === defaultId)?.name ?? String(defaultId) };
}

async function exportGroups(
  auth: DomoAuth,
  groups: Group[],
  concurrency: number,
  call: CallOptions,
): Promise<Record<string, SpecGroup>> {
  const editable = groups.filter((group) => group.type !== 'system' && group.type !== 'directory');
  const details = (await readGroupStates(auth, editable, concurrency, call)).map(({ group, members, owners }) => ({
    group,
    memberIds: members,
    ownerIds: owners,
  }));
  const emails = await emailsOf(
    auth,
    details.flatMap((d) => [...d.memberIds, ...d.ownerIds].map((id) => ({ id }))),
    call,
  );
  return Object.fromEntries(
    details.map(({ group, memberIds, ownerIds }) => [
      group.name,
      {
        type: group.type as NonNullable<SpecGroup['type']>,
        ...(group.description ? { description: group.description } : {}),
        owners: sortedUsers(ownerIds.map((id) => emails.get(id) ?? id)),
        members: sortedUsers(memberIds.map((id) => emails.get(id) ?? id)),
        membership: 'authoritative' as const,
      },
    ]),
  );
}

async function exportAccounts(
  auth: DomoAuth,
  groups: Group[],
  concurrency: number,
  call: CallOptions,
): Promise<Record<string, SpecAccount>> {
  const { data: accounts } = await getAccounts(auth, call);
  const access = await mapAll(accounts, concurrency, async (account) => ({
    account,
    entries: (await getAccountAccessList(auth, account.id, call)).data,
  }));
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const emails = await emailsOf(
    auth,
    access.flatMap((a) => a.entries.filter((e) => e.type === 'USER').map((e) => ({ id: e.id }))),
    call,
  );
  return Object.fromEntries(
    access.map(({ account, entries }) => [
      account.displayName,
      accountSpec({ account, access: entries }, (id) => emails.get(id) ?? id, groupNames),
    ]),
  );
}

async function allGroups(auth: DomoAuth, call: CallOptions): Promise<Group[]> {
  return (await getAllGroups(auth, {}, call)).data;
}

/** Emails of users, by id: what the answers carried, the rest read with one search per 1 000 ids (deleted users too). */
async function emailsOf(
  auth: DomoAuth,
  users: { id: number; email?: string | undefined }[],
  call: CallOptions,
): Promise<Map<number, string>> {
  const known = new Map(users.filter((u) => u.email).map((u) => [u.id, u.email as string]));
  const missing = [...new Set(users.filter((u) => !known.has(u.id)).map((u) => u.id))];
  for (let start = 0; start < missing.length; start += MAX_IDS_PER_SEARCH) {
    const ids = missing.slice(start, start + MAX_IDS_PER_SEARCH);
    const { users: found } = await searchAllUsers(auth, { filters: [userIdFilter(ids)], includeDeleted: true }, call);
    for (const user of found) if (user.emailAddress) known.set(user.id, user.emailAddress);
  }
  return known;
}

function sortedUsers(users: (string | number)[]): (string | number)[] {
  return [...new Set(users)].sort((a, b) => String(a).localeCompare(String(b)));
}
