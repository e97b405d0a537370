import type { DomoAuth } from '../../auth/base.js';
import { DomoApiError, DomoInputError } from '../../client/errors.js';
import { path } from '../../client/path.js';
import { checkId, checkObject } from '../../internal/input.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import type { User } from '../user/schemas.js';
import { checkPage, groupNotFound, MAX_GROUP_PAGE } from './core.js';
import { GroupMembersSchema, GroupOwnersSchema, GroupPermissionsSchema, type Principal } from './schemas.js';

/**
 * One page of a group's members (users, including those who belong through a member group).
 *
 * Endpoint: `GET /api/content/v2/groups/users?group={id}&limit&offset` → `{ groupUserList: [...] }`, unwrapped here
 * @example
 * ```ts
 * const { data: members } = await getGroupMembers(auth, 1814479647, { limit: 500, offset: 0 });
 * ```
 */
export async function getGroupMembers(
  auth: DomoAuth,
  id: number,
  page: { limit?: number; offset?: number } = {},
  options?: RequestOptions,
): Promise<DomoResponse<User[]>> {
  const route = 'getGroupMembers';
  const groupId = checkId(id, 'id', route);
  const { limit, offset } = checkPage(page.limit ?? 500, page.offset ?? 0, MAX_GROUP_PAGE, route);
  const { status, data } = await membersPage(auth, groupId, limit, offset, route, options);
  return { status, data: data.groupUserList };
}

/** One page of `groups/users`, as Domo answers it (the list and, when sent, `totalCount`). */
function membersPage(
  auth: DomoAuth,
  groupId: number,
  limit: number,
  offset: number,
  route: string,
  options: RequestOptions | undefined,
) {
  return auth.transport.request(
    {
      route,
      method: 'GET',
      path: '/api/content/v2/groups/users',
      query: { group: groupId, limit, offset },
      schema: GroupMembersSchema,
      notFoundHint: groupNotFound(groupId),
    },
    options,
  );
}

/**
 * Every member of a group: {@link getGroupMembers} page after page until `totalCount` (when Domo sends it) or an
 * empty page. A page shorter than asked is not taken as the end.
 *
 * Endpoint: `GET /api/content/v2/groups/users?group={id}&limit&offset`, repeated
 * @example
 * ```ts
 * const { data: members } = await getAllGroupMembers(auth, 1814479647);
 * ```
 */
export async function getAllGroupMembers(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<User[]>> {
  const route = 'getAllGroupMembers';
  const groupId = checkId(id, 'id', route);
  const members: User[] = [];
  for (;;) {
    const { status, data } = await membersPage(auth, groupId, MAX_GROUP_PAGE, members.length, route, options);
    members.push(...data.groupUserList);
    const total = data.totalCount;
    if (data.groupUserList.length === 0 || (total !== undefined && members.length >= total))
      return { status, data: members };
  }
}

/** The group owners read: a read sent as POST. */
export const GROUP_OWNERS_PATH = '/api/content/v2/groups/permissions';

/**
 * A group's owners (users and groups).
 *
 * Endpoint: `POST /api/content/v2/groups/permissions?checkOwnership=true&includeUsers=false` with `["<id>"]`; on a
 * 404 or 405 from it, `GET /api/content/v2/groups/{id}/permissions?includeUsers=true`
 * @remarks The POST variant is domolibrary2's and this project's; the Postman collection (PM) has only the GET
 * variant (domo-api-admin.md §6 #6), so a 404 or 405 on the POST falls back to it (a missing group is then the GET's
 * 404). A read sent as POST: retried like a GET.
 * @example
 * ```ts
 * const { data: owners } = await getGroupOwners(auth, 1814479647);   // [{ type: 'USER', id, displayName }]
 * ```
 */
export async function getGroupOwners(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<Principal[]>> {
  const route = 'getGroupOwners';
  const groupId = checkId(id, 'id', route);
  try {
    const { status, data } = await auth.transport.request(
      {
        route,
        method: 'POST',
        path: GROUP_OWNERS_PATH,
        query: { checkOwnership: true, includeUsers: false },
        json: [String(groupId)],
        idempotent: true,
        readOnly: true,
        schema: GroupOwnersSchema,
        notFoundHint: groupNotFound(groupId),
      },
      options,
    );
    return { status, data: data.find((entry) => entry.groupId === groupId)?.permissions.owners ?? [] };
  } catch (error) {
    if (!(error instanceof DomoApiError && (error.status === 404 || error.status === 405))) throw error;
    const { status, data } = await auth.transport.request(
      {
        route,
        method: 'GET',
        path: path`/api/content/v2/groups/${groupId}/permissions`,
        query: { includeUsers: true },
        schema: GroupPermissionsSchema,
        notFoundHint: groupNotFound(groupId),
      },
      options,
    );
    return { status, data };
  }
}

/** Who to add or remove: users by id, groups by id. */
export interface PrincipalRef {
  type: 'USER' | 'GROUP';
  id: number;
}

/** The changes to one group's members and owners. */
export interface GroupAccessChange {
  groupId: number;
  addMembers?: readonly PrincipalRef[];
  removeMembers?: readonly PrincipalRef[];
  addOwners?: readonly PrincipalRef[];
  removeOwners?: readonly PrincipalRef[];
}

const LISTS = ['addMembers', 'removeMembers', 'addOwners', 'removeOwners'] as const;

/**
 * Adds and removes members and owners of one or more groups in one request.
 *
 * Endpoint: `PUT /api/content/v2/groups/access` with `[{ groupId, addMembers?, removeMembers?, addOwners?, removeOwners? }]`,
 * every id as a string: `groupId: '<id>'`, `{ type: 'USER', id: '<id>' }`, `{ type: 'GROUP', id: '<id>' }`, as the
 * Postman collection (PM) sends them (domo-api-admin.md §6 #7; domolibrary2 sends group ids as numbers)
 * @remarks Retried like any PUT: adding a member twice or removing one twice ends in the same state.
 * @throws {DomoInputError} no change, a bad id, or a principal both added and removed (nothing is sent)
 * @example
 * ```ts
 * await updateGroupAccess(auth, [{ groupId: 1814479647, addMembers: [{ type: 'USER', id: 1893952720 }] }]);
 * ```
 */
export async function updateGroupAccess(
  auth: DomoAuth,
  changes: readonly GroupAccessChange[],
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const body = groupAccessPayload(changes);
  const { status } = await auth.transport.request(
    {
      route: 'updateGroupAccess',
      method: 'PUT',
      path: '/api/content/v2/groups/access',
      json: body,
      notFoundHint: 'group not found',
    },
    options,
  );
  return { status, data: undefined };
}

/** The `groups/access` body for `changes`, every id checked. Pure: no request. */
export function groupAccessPayload(
  changes: readonly GroupAccessChange[],
  route = 'updateGroupAccess',
): Record<string, unknown>[] {
  if (!Array.isArray(changes) || changes.length === 0)
    throw new DomoInputError(
      'changes must be a non-empty array of { groupId, addMembers?, removeMembers?, addOwners?, removeOwners? }',
      { field: 'changes', route },
    );
  return (changes as readonly GroupAccessChange[]).map((change, index) => {
    checkObject(change, `changes[${index}]`, route, '{ groupId, addMembers?, … }');
    const entry: Record<string, unknown> = {
      groupId: String(checkId(change.groupId, `changes[${index}].groupId`, route)),
    };
    for (const list of LISTS) {
      if (change[list] === undefined) continue;
      if (!Array.isArray(change[list]))
        throw new DomoInputError(`changes[${index}].${list} must be an array of { type, id }`, {
          field: `changes[${index}].${list}`,
          route,
        });
      entry[list] = (change[list] as readonly PrincipalRef[]).map((p, i) =>
        wirePrincipal(p, `changes[${index}].${list}[${i}]`, route),
      );
    }
    if (Object.keys(entry).length === 1)
      throw new DomoInputError(`changes[${index}] changes nothing`, { field: `changes[${index}]`, route });
    return entry;
  });
}

function wirePrincipal(principal: PrincipalRef, field: string, route: string): { type: 'USER' | 'GROUP'; id: string } {
  if (principal?.type !== 'USER' && principal?.type !== 'GROUP')
    throw new DomoInputError(`${field}.type must be USER or GROUP`, { field, route });
  return { type: principal.type, id: String(checkId(principal.id, `${field}.id`, route)) };
}
