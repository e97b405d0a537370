import type { DomoAuth } from '../../auth/base.js';
import { mapAll } from '../../client/concurrency.js';
import { getAllGroups, type GroupListQuery } from '../../routes/group/core.js';
import { getAllGroupMembers, getGroupOwners } from '../../routes/group/members.js';
import type { Group } from '../../routes/group/schemas.js';
import type { CallOptions } from '../entity.js';

/** Reads in flight at most while re-checking rows. */
const CHECKS_IN_FLIGHT = 8;

/**
 * The groups matching `query`, each row re-checked on the client: `grouplist`'s `owner` and `members` filters are
 * not in the Postman collection and may be ignored (domo-api-admin.md §6 #1), and its `search` is a contains-search,
 * so the answer is never taken on trust. Ownership is read from the row's `owners` (or the owners read when a row
 * has none); membership from the row's `userIds`, else from the members read (which includes member groups).
 */
export async function listGroupsChecked(
  auth: DomoAuth,
  query: Omit<GroupListQuery, 'limit' | 'offset'>,
  call: CallOptions,
): Promise<Group[]> {
  let groups = (await getAllGroups(auth, query, call)).data;
  if (query.groupType !== undefined) groups = groups.filter((g) => g.type === query.groupType);
  if (query.search !== undefined) {
    const text = query.search.trim().toLowerCase();
    groups = groups.filter((g) => g.name.toLowerCase().includes(text));
  }
  if (query.owner !== undefined) groups = await ownedBy(auth, groups, query.owner, call);
  if (query.member !== undefined) groups = await withMember(auth, groups, query.member, call);
  return groups;
}

/** The groups `userId` owns directly, re-checked as {@link listGroupsChecked} does. */
export function groupsOwnedBy(auth: DomoAuth, userId: number, call: CallOptions): Promise<Group[]> {
  return listGroupsChecked(auth, { owner: userId }, call);
}

/** The groups `userId` belongs to (directly or through a member group), re-checked as {@link listGroupsChecked} does. */
export function groupsWithMember(auth: DomoAuth, userId: number, call: CallOptions): Promise<Group[]> {
  return listGroupsChecked(auth, { member: userId }, call);
}

async function ownedBy(auth: DomoAuth, groups: Group[], userId: number, call: CallOptions): Promise<Group[]> {
  const owners = await mapAll(
    groups,
    CHECKS_IN_FLIGHT,
    async (group) => group.owners ?? (await getGroupOwners(auth, group.id, call)).data,
    call,
  );
  return groups.filter((_, index) => owners[index]?.some((o) => o.type === 'USER' && o.id === userId));
}

async function withMember(auth: DomoAuth, groups: Group[], userId: number, call: CallOptions): Promise<Group[]> {
  const member = await mapAll(
    groups,
    CHECKS_IN_FLIGHT,
    async (group) => {
      if (group.userIds?.includes(userId)) return true;
      if (group.memberCount === 0) return false;
      return (await getAllGroupMembers(auth, group.id, call)).data.some((user) => user.id === userId);
    },
    call,
  );
  return groups.filter((_, index) => member[index]);
}
