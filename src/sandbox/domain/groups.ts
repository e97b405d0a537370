import { logActivity } from './activity.js';
import { badRequest, forbidden, notFound, show } from '../errors.js';
import type { SandboxGroup, SandboxGroupType, SandboxPrincipal } from '../model.js';
import type { SandboxState } from '../state.js';
import { memberIds } from '../views.js';

const TYPES: SandboxGroupType[] = ['open', 'adHoc', 'closed', 'directory', 'dynamic', 'system'];
/** Membership of these is managed by Domo (system) or the identity provider (directory); edits are refused. */
const MANAGED: SandboxGroupType[] = ['system', 'directory'];

export function findGroup(state: SandboxState, id: number): SandboxGroup {
  const group = state.groups.get(id);
  if (!group) throw notFound(`group ${id} not found`);
  return group;
}

/** `grouplist` filters: `search` (name contains, case-insensitive), `owner` and `members` (user ids), `groupType`; sorted by name. */
export function listGroups(state: SandboxState, query: URLSearchParams): SandboxGroup[] {
  const search = query.get('search')?.trim().toLowerCase();
  const owner = query.get('owner');
  const type = query.get('groupType');
  const member = query.get('members');
  return [...state.groups.values()]
    .filter((group) => !member || memberIds(state, group).includes(Number(member)))
    .filter((group) => !search || group.name.toLowerCase().includes(search))
    .filter((group) => !owner || group.owners.some((o) => o.type === 'USER' && String(o.id) === owner))
    .filter((group) => !type || group.type === type)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
}

/** Who may change a group: an owner (directly or through an owning group) or a holder of `group.manage`. */
function requireOwner(state: SandboxState, group: SandboxGroup, callerId: number): void {
  const owns = group.owners.some((o) =>
    o.type === 'USER' ? o.id === callerId : memberIds(state, findGroup(state, o.id)).includes(callerId),
  );
  if (!owns) state.requireAuthority(callerId, 'group.manage');
}

/** `POST /api/content/v2/groups` `{ name, type, description }`; a taken name is a 400. */
export function createGroup(state: SandboxState, body: unknown, callerId: number): SandboxGroup {
  state.requireAuthority(callerId, 'group.manage');
  const input = (typeof body === 'object' && body !== null ? body : {}) as {
    name?: unknown;
    type?: unknown;
    description?: unknown;
  };
  if (typeof input.name !== 'string' || input.name.trim() === '') throw badRequest('name is required');
  const type = (input.type ?? 'open') as SandboxGroupType;
  if (!TYPES.includes(type) || MANAGED.includes(type))
    throw badRequest(`type ${show(input.type)} cannot be created; use open, adHoc, closed or dynamic`);
  if ([...state.groups.values()].some((g) => g.name.toLowerCase() === String(input.name).trim().toLowerCase())) {
    throw badRequest(`a group named ${show(input.name)} already exists`);
  }
  let id = state.random.int(1_000_000_000, 2_000_000_000);
  while (state.groups.has(id)) id = state.random.int(1_000_000_000, 2_000_000_000);
  const group: SandboxGroup = {
    id,
    name: input.name.trim(),
    type,
    description: typeof input.description === 'string' ? input.description : '',
    userIds: [],
    groupIds: [],
    owners: [{ type: 'USER', id: callerId }],
    created: state.now(),
  };
  state.groups.set(id, group);
  logActivity(state, callerId, { actionType: 'CREATED', objectType: 'GROUP', objectId: id, objectName: group.name });
  return group;
}

/** `PUT /api/content/v2/groups` `[{ groupId, name?, type?, description? }]`: several groups at once, checked before any change. */
export function updateGroups(state: SandboxState, body: unknown, callerId: number): void {
  const changes = listBody(body, 'a JSON array of { groupId, name?, type?, description? }') as {
    groupId?: unknown;
    name?: unknown;
    type?: unknown;
    description?: unknown;
  }[];
  const planned = changes.map((change) => {
    const group = findGroup(state, Number(change.groupId));
    requireOwner(state, group, callerId);
    if (change.name !== undefined && (typeof change.name !== 'string' || change.name.trim() === ''))
      throw badRequest('name must be a non-empty string');
    if (
      change.type !== undefined &&
      (!TYPES.includes(change.type as SandboxGroupType) ||
        MANAGED.includes(change.type as SandboxGroupType) ||
        MANAGED.includes(group.type))
    ) {
      throw badRequest(`group ${group.id} cannot become ${show(change.type)}`);
    }
    return { group, change };
  });
  for (const { group, change } of planned) {
    if (typeof change.name === 'string') group.name = change.name.trim();
    if (typeof change.description === 'string') group.description = change.description;
    if (change.type !== undefined) group.type = change.type as SandboxGroupType;
    logActivity(state, callerId, {
      actionType: 'UPDATED',
      objectType: 'GROUP',
      objectId: group.id,
      objectName: group.name,
    });
  }
}

/** `DELETE /api/content/v2/groups` with body `[ids]`; system groups cannot be deleted. */
export function deleteGroups(state: SandboxState, body: unknown, callerId: number): void {
  const ids = listBody(body, 'a JSON array of group ids').map(Number);
  const groups = ids.map((id) => findGroup(state, id));
  for (const group of groups) {
    if (group.type === 'system') throw forbidden(`group ${group.id} is a system group and cannot be deleted`);
    requireOwner(state, group, callerId);
  }
  for (const group of groups) {
    state.groups.delete(group.id);
    logActivity(state, callerId, {
      actionType: 'DELETED',
      objectType: 'GROUP',
      objectId: group.id,
      objectName: group.name,
    });
    for (const other of state.groups.values()) {
      other.groupIds = other.groupIds.filter((id) => id !== group.id);
      other.owners = other.owners.filter((o) => !(o.type === 'GROUP' && o.id === group.id));
    }
    for (const account of [...state.accounts.values(), ...state.templates.values()]) {
      account.shares = account.shares.filter((s) => !(s.type === 'GROUP' && s.id === group.id));
    }
  }
}

type AccessChange = {
  groupId?: unknown;
  addMembers?: unknown;
  removeMembers?: unknown;
  addOwners?: unknown;
  removeOwners?: unknown;
};

/**
 * `PUT /api/content/v2/groups/access` `[{ groupId, addMembers|removeMembers|addOwners|removeOwners: [{ type, id }] }]`.
 * Every change is checked first (unknown principals are a 400, managed groups a 403), then all are applied.
 */
export function updateAccess(state: SandboxState, body: unknown, callerId: number): void {
  const changes = listBody(
    body,
    'a JSON array of { groupId, addMembers?, removeMembers?, addOwners?, removeOwners? }',
  ) as AccessChange[];
  const planned = changes.map((change) => {
    const group = findGroup(state, Number(change.groupId));
    requireOwner(state, group, callerId);
    const lists = {
      addMembers: principals(state, change.addMembers),
      removeMembers: principals(state, change.removeMembers),
      addOwners: principals(state, change.addOwners),
      removeOwners: principals(state, change.removeOwners),
    };
    if (MANAGED.includes(group.type) && (lists.addMembers.length > 0 || lists.removeMembers.length > 0)) {
      throw forbidden(
        `group ${group.id} is a ${group.type} group: its membership is managed ${group.type === 'system' ? 'by Domo' : 'by the identity provider'}`,
      );
    }
    if (lists.addMembers.some((p) => p.type === 'GROUP' && p.id === group.id))
      throw badRequest('a group cannot be a member of itself');
    return { group, lists };
  });
  for (const { group, lists } of planned) {
    apply(group, lists);
    const what = Object.entries(lists)
      .filter(([, list]) => list.length > 0)
      .map(([key, list]) => `${key}: ${list.map((p) => `${p.type.toLowerCase()} ${p.id}`).join(', ')}`);
    logActivity(state, callerId, {
      actionType: 'UPDATED',
      objectType: 'GROUP',
      objectId: group.id,
      objectName: group.name,
      additionalComment: what.join('; '),
    });
  }
}

function apply(
  group: SandboxGroup,
  lists: Record<'addMembers' | 'removeMembers' | 'addOwners' | 'removeOwners', SandboxPrincipal[]>,
): void {
  const users = (list: SandboxPrincipal[]) => list.filter((p) => p.type === 'USER').map((p) => p.id);
  const groups = (list: SandboxPrincipal[]) => list.filter((p) => p.type === 'GROUP').map((p) => p.id);
  group.userIds = [
    ...new Set([...group.userIds.filter((id) => !users(lists.removeMembers).includes(id)), ...users(lists.addMembers)]),
  ];
  group.groupIds = [
    ...new Set([
      ...group.groupIds.filter((id) => !groups(lists.removeMembers).includes(id)),
      ...groups(lists.addMembers),
    ]),
  ];
  const same = (a: SandboxPrincipal, b: SandboxPrincipal) => a.type === b.type && a.id === b.id;
  const kept = group.owners.filter((o) => !lists.removeOwners.some((r) => same(r, o)));
  group.owners = [...kept, ...lists.addOwners.filter((a) => !kept.some((o) => same(o, a)))];
}

/** `[{ type: "USER", id: "123" } | { type: "GROUP", id: 456 }]`: ids as strings or numbers, each must exist. */
function principals(state: SandboxState, value: unknown): SandboxPrincipal[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest('member and owner lists must be arrays of { type, id }');
  return value.map((item: { type?: unknown; id?: unknown }) => {
    const id = Number(item?.id);
    if (item?.type === 'USER' && state.users.has(id) && !state.users.get(id)?.deleted) return { type: 'USER', id };
    if (item?.type === 'GROUP' && state.groups.has(id)) return { type: 'GROUP', id };
    throw badRequest(`unknown ${show(item?.type)} ${show(item?.id)}`);
  });
}

function listBody(body: unknown, shape: string): unknown[] {
  if (!Array.isArray(body) || body.length === 0) throw badRequest(`the body must be ${shape}`);
  return body as unknown[];
}
