import { Document, visit } from 'yaml';
import { hasUnsafeChars, unicodeEscape, UNSAFE_CHARS_BUT_LINES } from '../internal/unsafe-text.js';
import type { DomoAuth } from '../auth/base.js';
import { DomoInputError } from '../client/errors.js';
import { dict } from '../internal/dict.js';
import type { Group } from '../routes/group/schemas.js';
import { callOptions, type CallOptions } from '../classes/entity.js';
import { Inventory } from '../inventory/inventory.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role/role.js';
import { accountSpec } from './kinds/index.js';
import { readGroupStates } from './kinds/groups/plan.js';
import { readRoles } from './plan.js';
import { nameKey, type Spec, type SpecAccount, type SpecGroup, type SpecRole } from './spec.js';

/**
 * Where an exported spec tells editors its JSON Schema is: the copy the package ships, relative to a spec kept at the
 * root of a project that installs domo-admin (no network needed). `export --schema` (or `specToYaml`'s `schema`)
 * points elsewhere; `domo-admin schema` prints the schema to keep beside the specs.
 */
export const SPEC_SCHEMA_PATH = './node_modules/domo-admin/schema/spec.schema.json';

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
  /** Told about objects left out because their names are not unique (a spec key must name exactly one object). */
  onSkip?: (skipped: { section: SpecSection; names: string[]; reason: string }) => void;
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
  const inventory = new Inventory(auth, callOptions(options), { concurrency: options.concurrency ?? 16 });
  const groups = only.has('groups') || only.has('accounts') ? await inventory.groupList() : [];
  const [roles, groupSpecs, accounts] = await Promise.all([
    only.has('roles') ? exportRoles(inventory, options.onSkip) : undefined,
    only.has('groups') ? exportGroups(inventory, groups, options.onSkip) : undefined,
    only.has('accounts') ? exportAccounts(inventory, groups, options.onSkip) : undefined,
  ]);
  return {
    instance: auth.instance,
    ...(roles ? { roles: roles.roles, default_role: roles.defaultRole } : {}),
    ...(groupSpecs ? { groups: groupSpecs } : {}),
    ...(accounts ? { accounts } : {}),
  };
}

/**
 * A spec as YAML, with a header naming the JSON Schema for editors ({@link SPEC_SCHEMA_PATH} unless `schema` says). Every string that holds a control, bidi or
 * zero-width character is written double-quoted with `\uXXXX` escapes: the file reads back to exactly the names the
 * instance holds, and shows nothing misleading in a terminal or an editor.
 */
export function specToYaml(spec: Spec, options: { schema?: string } = {}): string {
  const doc = new Document(spec);
  visit(doc, {
    Scalar(_, node) {
      if (typeof node.value === 'string' && hasUnsafeChars(node.value)) node.type = 'QUOTE_DOUBLE';
    },
  });
  // Only double-quoted scalars can hold such a character now, and there `\uXXXX` reads back as the character.
  const yaml = doc.toString({ lineWidth: 0 }).replace(UNSAFE_CHARS_BUT_LINES, unicodeEscape);
  return `# yaml-language-server: $schema=${options.schema ?? SPEC_SCHEMA_PATH}\n${yaml}`;
}

/**
 * The entries whose names are unique in a spec (case-insensitive, surrounding spaces ignored); the others are left
 * out and reported: a spec key must name exactly one object (two accounts with one display name cannot be told apart).
 */
function uniquelyNamed<T>(
  section: SpecSection,
  entries: readonly (readonly [string, T])[],
  onSkip: ExportOptions['onSkip'],
): [string, T][] {
  const byKey = new Map<string, string[]>();
  for (const [name] of entries) byKey.set(nameKey(name), [...(byKey.get(nameKey(name)) ?? []), name]);
  const kept: [string, T][] = [];
  const reported = new Set<string>();
  for (const [name, value] of entries) {
    const same = byKey.get(nameKey(name)) ?? [];
    if (same.length === 1) kept.push([name, value]);
    else if (!reported.has(nameKey(name)) && reported.add(nameKey(name)))
      onSkip?.({
        section,
        names: same,
        reason: `${same.length} ${section} share the name ${JSON.stringify(name.trim())} (names match case-insensitively, surrounding spaces ignored): rename all but one to manage them in a spec`,
      });
  }
  return kept;
}

async function exportRoles(
  inventory: Inventory,
  onSkip: ExportOptions['onSkip'],
): Promise<{ roles: Record<string, SpecRole>; defaultRole: string }> {
  const { roles: all, defaultId } = await inventory.roleList();
  const custom = all.filter((role) => role.id > LAST_SYSTEM_ROLE_ID);
  const details = [...(await readRoles(inventory, custom)).values()].map(({ role, grants, members }) => ({
    role,
    grants,
    members: [...members].map(([id, email]) => ({ id, email: email.includes('@') ? email : undefined })),
  }));
  const emails = await emailsOf(
    inventory,
    details.flatMap((d) => d.members),
  );
  const roles = dict(
    uniquelyNamed(
      'roles',
      details.map(
        ({ role, grants, members }) =>
          [
            role.name,
            {
              ...(role.description ? { description: role.description } : {}),
              grants: [...grants].sort(),
              members: sortedUsers(members.map((m) => emails.get(m.id) ?? m.id)),
              membership: 'authoritative' as const,
            } satisfies SpecRole,
          ] as const,
      ),
      onSkip,
    ),
  );
  return { roles, defaultRole: all.find((role) => role.id === defaultId)?.name ?? String(defaultId) };
}

async function exportGroups(
  inventory: Inventory,
  groups: Group[],
  onSkip: ExportOptions['onSkip'],
): Promise<Record<string, SpecGroup>> {
  const editable = groups.filter((group) => group.type !== 'system' && group.type !== 'directory');
  const details = (await readGroupStates(inventory, editable)).map(({ group, members, owners }) => ({
    group,
    memberIds: members,
    ownerIds: owners,
  }));
  const emails = await emailsOf(
    inventory,
    details.flatMap((d) => [...d.memberIds, ...d.ownerIds].map((id) => ({ id }))),
  );
  return dict(
    uniquelyNamed(
      'groups',
      details.map(
        ({ group, memberIds, ownerIds }) =>
          [
            group.name,
            {
              type: group.type as NonNullable<SpecGroup['type']>,
              ...(group.description ? { description: group.description } : {}),
              owners: sortedUsers(ownerIds.map((id) => emails.get(id) ?? id)),
              members: sortedUsers(memberIds.map((id) => emails.get(id) ?? id)),
              membership: 'authoritative' as const,
            } satisfies SpecGroup,
          ] as const,
      ),
      onSkip,
    ),
  );
}

async function exportAccounts(
  inventory: Inventory,
  groups: Group[],
  onSkip: ExportOptions['onSkip'],
): Promise<Record<string, SpecAccount>> {
  const records = await inventory.access('accounts', await inventory.credentials('accounts'));
  const access = records.map(({ account, access: entries = [] }) => ({ account: account, entries }));
  const groupNames = new Map(groups.map((group) => [group.id, group.name]));
  const emails = await emailsOf(
    inventory,
    access.flatMap((a) => a.entries.filter((e) => e.type === 'USER').map((e) => ({ id: e.id }))),
  );
  return dict(
    uniquelyNamed(
      'accounts',
      access.map(
        ({ account, entries }) =>
          [
            account.displayName,
            accountSpec({ account, access: entries }, (id) => emails.get(id) ?? id, groupNames),
          ] as const,
      ),
      onSkip,
    ),
  );
}

/** Emails of users, by id: what the answers carried, the rest read with one search per 1 000 ids (deleted users too). */
async function emailsOf(
  inventory: Inventory,
  users: { id: number; email?: string | undefined }[],
): Promise<Map<number, string>> {
  const known = new Map(users.filter((u) => u.email).map((u) => [u.id, u.email as string]));
  const missing = users.filter((u) => !known.has(u.id)).map((u) => u.id);
  for (const [id, email] of await inventory.emails(missing)) known.set(id, email);
  return known;
}

function sortedUsers(users: (string | number)[]): (string | number)[] {
  return [...new Set(users)].sort((a, b) => String(a).localeCompare(String(b)));
}
