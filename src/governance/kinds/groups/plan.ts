import type { Inventory } from '../../../inventory/inventory.js';
import type { Group } from '../../../routes/group/schemas.js';
import type { User } from '../../../routes/user/schemas.js';
import type { SpecGroup } from '../../spec.js';

/** A user as a plan names them. */
export interface PlannedUser {
  id: number;
  email: string;
}

/** The group changes a plan can hold. */
export type GroupChange =
  | {
      kind: 'create-group';
      group: string;
      type: string;
      description: string;
      owners: PlannedUser[];
      members: PlannedUser[];
      /**
       * Owners and members are exactly these (authoritative): whoever Domo adds on create (the creator) is
       * removed again.
       */
      exact: boolean;
      destructive: false;
    }
  | {
      kind: 'update-group';
      group: string;
      groupId: number;
      field: 'type' | 'description';
      before: string;
      after: string;
      destructive: false;
    }
  | {
      kind: 'group-members' | 'group-owners';
      group: string;
      groupId: number;
      add: PlannedUser[];
      remove: PlannedUser[];
      destructive: boolean;
    }
  | { kind: 'rename-group'; group: string; from: string; groupId: number; destructive: false }
  | { kind: 'delete-group'; group: string; groupId: number; members: number; destructive: true };

/** A group as planning read it. */
export interface GroupState {
  group: Group;
  members: number[];
  owners: number[];
}

/** Every group by lower-cased name, and the members and owners of those the spec names (read concurrently). */
export async function readGroups(
  inventory: Inventory,
  names: string[],
): Promise<{ byName: Map<string, Group>; states: Map<number, GroupState> }> {
  const all = await inventory.groupList();
  const byName = new Map(all.map((group) => [group.name.toLowerCase(), group]));
  const named = names.map((name) => byName.get(name.toLowerCase())).filter((g): g is Group => g !== undefined);
  const states = await readGroupStates(inventory, named);
  return { byName, states: new Map(states.map((state) => [state.group.id, state])) };
}

/** The direct members and user owners of `groups` (two requests per group), in order. */
export async function readGroupStates(inventory: Inventory, groups: Group[]): Promise<GroupState[]> {
  const records = await inventory.groupDetails(groups, { members: 'direct', owners: true });
  return records.map(({ group, members = [], owners = [] }) => ({
    group,
    members,
    owners: owners.filter((o) => o.type === 'USER').map((o) => o.id),
  }));
}

/** The changes that make one group match its spec; problems (a managed group's members) are pushed to `problems`. */
export function groupChanges(
  name: string,
  wanted: SpecGroup,
  state: GroupState | undefined,
  users: Map<string, User>,
  problems: string[],
): GroupChange[] {
  const listed = (refs: (string | number)[] | undefined) =>
    (refs ?? [])
      .map((ref) => users.get(String(typeof ref === 'string' ? ref.toLowerCase() : ref)))
      .filter((u): u is User => u !== undefined)
      .map(planned);
  const authoritative = wanted.membership === 'authoritative';
  if (authoritative && wanted.owners?.length === 0) {
    problems.push(`groups.${name}.owners: a group keeps at least one owner; list one (or leave owners out)`);
    return [];
  }
  if (!state) {
    return [
      {
        kind: 'create-group',
        group: name,
        type: wanted.type ?? 'open',
        description: wanted.description ?? '',
        owners: listed(wanted.owners),
        members: listed(wanted.members),
        exact: authoritative,
        destructive: false,
      },
    ];
  }
  const { group } = state;
  if (
    (group.type === 'system' || group.type === 'directory') &&
    (wanted.members !== undefined || wanted.type !== undefined)
  ) {
    problems.push(
      `groups.${name}: "${group.name}" is a ${group.type} group: its members are managed by ${group.type === 'system' ? 'Domo' : 'the identity provider'}, not by a spec`,
    );
    return [];
  }
  const changes: GroupChange[] = [];
  for (const field of ['type', 'description'] as const) {
    const before = (field === 'type' ? group.type : group.description) ?? '';
    const after = wanted[field];
    if (after !== undefined && after !== before)
      changes.push({ kind: 'update-group', group: name, groupId: group.id, field, before, after, destructive: false });
  }
  return [...changes, ...listChanges(name, wanted, state, users, listed)];
}

/** The members and owners to add (and, when authoritative, to remove) of an existing group. */
function listChanges(
  name: string,
  wanted: SpecGroup,
  state: GroupState,
  users: Map<string, User>,
  listed: (refs: (string | number)[] | undefined) => PlannedUser[],
): GroupChange[] {
  const authoritative = wanted.membership === 'authoritative';
  const changes: GroupChange[] = [];
  for (const [kind, refs, current] of [
    ['group-members', wanted.members, state.members],
    ['group-owners', wanted.owners, state.owners],
  ] as const) {
    if (refs === undefined) continue;
    const want = listed(refs);
    const have = new Set(current);
    const keep = new Set(want.map((u) => u.id));
    const add = want.filter((u) => !have.has(u.id));
    const remove = authoritative
      ? current.filter((id) => !keep.has(id)).map((id) => ({ id, email: emailOf(users, id) }))
      : [];
    if (add.length > 0 || remove.length > 0)
      changes.push({ kind, group: name, groupId: state.group.id, add, remove, destructive: remove.length > 0 });
  }
  return changes;
}

function planned(user: User): PlannedUser {
  return { id: user.id, email: user.emailAddress ?? String(user.id) };
}

function emailOf(users: Map<string, User>, id: number): string {
  for (const user of users.values()) if (user.id === id && user.emailAddress) return user.emailAddress;
  return String(id);
}
