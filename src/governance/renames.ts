import type { Inventory } from '../inventory/inventory.js';
import type { Group } from '../routes/group/schemas.js';
import type { Role } from '../routes/role/schemas.js';
import { LAST_SYSTEM_ROLE_ID } from '../classes/role/role.js';
import { readRoles, type RoleChange } from './kinds/roles/plan.js';
import type { Spec } from './spec.js';

/**
 * Renames (`renamed_from:` on a role or a group, like Terraform's `moved`): which existing object a spec entry is
 * about, and the likely renames a spec did not say (a role created with the grants and all the members of a role the
 * spec no longer names).
 */

/** A section whose entries can be renamed: its name, what one is called, and which cannot be renamed. */
export interface RenamedKind<T> {
  section: 'roles' | 'groups';
  one: 'role' | 'group';
  system: (entry: T) => boolean;
}

/** Roles: the five system roles cannot be renamed. */
export const RENAMED_ROLES: RenamedKind<Role> = {
  section: 'roles',
  one: 'role',
  system: (role) => role.id <= LAST_SYSTEM_ROLE_ID,
};

/** Groups: system groups cannot be renamed. */
export const RENAMED_GROUPS: RenamedKind<Group> = {
  section: 'groups',
  one: 'group',
  system: (group) => group.type === 'system',
};

/** What a spec entry is about: the object of its name, or the one of its `renamed_from` to be renamed. */
export interface Resolved<T> {
  current: T | undefined;
  /** Set when the plan renames `current` (of the old name) to the entry's name. */
  rename?: T;
}

/**
 * The object a spec entry names: by its name; else, with `renamed_from`, by the old name (then renamed). Both
 * existing is a problem (the rename is done — remove `renamed_from` — or one of them is in the way); neither, a
 * warning: the entry is created.
 */
export function resolveRenamed<T extends { id: number; name: string }>(
  what: RenamedKind<T>,
  name: string,
  renamedFrom: string | undefined,
  byName: ReadonlyMap<string, T>,
  report: { problems: string[]; warnings: string[] },
): Resolved<T> {
  const at = `${what.section}.${name}`;
  const current = byName.get(name.toLowerCase());
  if (renamedFrom === undefined) return { current };
  const old = byName.get(renamedFrom.toLowerCase());
  if (current && old && current.id !== old.id) {
    report.problems.push(
      `${at}.renamed_from: both "${current.name}" and "${old.name}" exist: remove renamed_from if the rename is done, or delete one of them`,
    );
    return { current };
  }
  const target = current ?? old;
  if (!target) {
    report.warnings.push(`${at}.renamed_from: no "${renamedFrom}" exists (nor "${name}"): "${name}" is created`);
    return { current: undefined };
  }
  if (target.name === name) return { current: target };
  if (what.system(target)) {
    report.problems.push(`${at}.renamed_from: "${target.name}" is a system ${what.one}: it cannot be renamed`);
    return { current: target };
  }
  return { current: target, rename: target };
}

/** The old names the spec's `renamed_from` give, per section (read with the names, so a rename plans from state). */
export function renamedFromNames(spec: Spec): { roles: string[]; groups: string[] } {
  const from = (entries: [string, { renamed_from?: string | undefined }][]) =>
    entries.flatMap(([, entry]) => (entry.renamed_from === undefined ? [] : [entry.renamed_from]));
  return { roles: from(Object.entries(spec.roles ?? {})), groups: from(Object.entries(spec.groups ?? {})) };
}

/** `renamed_from` problems the spec alone shows: an old name the spec also defines, two entries from one name. */
export function renameProblems(spec: Spec): string[] {
  const problems: string[] = [];
  for (const section of ['roles', 'groups'] as const) {
    const entries: [string, { renamed_from?: string | undefined }][] =
      section === 'roles' ? Object.entries(spec.roles ?? {}) : Object.entries(spec.groups ?? {});
    const names = new Set(entries.map(([name]) => name.toLowerCase()));
    const seen = new Map<string, string>();
    for (const [name, entry] of entries) {
      const from = entry.renamed_from;
      if (from === undefined) continue;
      if (names.has(from.toLowerCase()) && from.toLowerCase() !== name.toLowerCase())
        problems.push(
          `${section}.${name}.renamed_from: "${from}" is also in this spec's ${section}: a rename leaves one`,
        );
      const other = seen.get(from.toLowerCase());
      if (other !== undefined)
        problems.push(`${section}.${name}.renamed_from: "${other}" is renamed from "${from}" too: only one can be`);
      seen.set(from.toLowerCase(), name);
    }
  }
  return problems;
}

/**
 * Roles the plan creates whose members all come from one custom role the spec does not name, which holds the same
 * grants: most likely a rename written as a new name. One extra read per such candidate; a warning with the fix.
 */
export async function likelyRenames(
  inventory: Inventory,
  spec: Spec,
  changes: readonly RoleChange[],
  roles: readonly Role[],
): Promise<string[]> {
  const named = new Set(Object.keys(spec.roles ?? {}).map((name) => name.toLowerCase()));
  const candidates: { created: Extract<RoleChange, { kind: 'create-role' }>; moved: number[]; from: Role }[] = [];
  for (const created of changes) {
    if (created.kind !== 'create-role') continue;
    const moved = changes.find((c) => c.kind === 'move-users' && c.role === created.role);
    if (moved?.kind !== 'move-users') continue;
    const sources = new Set(moved.users.map((u) => u.fromRole.toLowerCase()));
    const from = roles.find((r) => sources.size === 1 && sources.has(r.name.toLowerCase()));
    if (from && from.id > LAST_SYSTEM_ROLE_ID && !named.has(from.name.toLowerCase()))
      candidates.push({ created, moved: moved.users.map((u) => u.id), from });
  }
  if (candidates.length === 0) return [];
  const states = await readRoles(
    inventory,
    candidates.map((c) => c.from),
  );
  return candidates.flatMap(({ created, moved, from }) => {
    const state = states.get(from.id);
    const same = state && [...state.grants].sort().join() === [...created.grants].sort().join();
    const all = state && state.members.size > 0 && [...state.members.keys()].every((id) => moved.includes(id));
    return same && all
      ? [
          `roles.${created.role}: looks like a rename of "${from.name}" (the same grants, and all ${state.members.size} of its members move here, leaving it empty): to rename it instead — the same role, no member moves — add renamed_from: ${from.name}`,
        ]
      : [];
  });
}
