import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { checkId, checkIds, checkName, checkObject, checkText, describe } from '../../internal/input.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { GROUP_TYPES, GroupSchema, type Group, type GroupType } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const GroupListSchema = z.array(GroupSchema);

const GROUPS = '/api/content/v2/groups';
/** The hint on a 404 for a group. */
export const groupNotFound = (id: number) => `group ${id} not found`;
/** Largest page `grouplist` serves. */
export const MAX_GROUP_PAGE = 500;

/** Filters and page of {@link getGroups}. */
export interface GroupListQuery {
  /** @default 100; at most 500 */
  limit?: number;
  /** @default 0 */
  offset?: number;
  /** Groups whose name contains this text (Domo's search, not an exact match). */
  search?: string;
  /** Groups this user owns. */
  owner?: number;
  /** Groups this user belongs to (directly or through a member group). */
  member?: number;
  groupType?: GroupType;
}

/**
 * One page of groups, sorted by name.
 *
 * Endpoint: `GET /api/content/v2/groups/grouplist?limit&offset&search&owner&ownerType=USER&members&groupType`
 * @remarks `owner` goes with `ownerType=USER`, as peer clients send it. These filters are not in the Postman
 * collection (PM) and one peer found them ignored: Domo may answer with every group. Never act on the answer
 * without re-checking each row (domo-api-admin.md §6 #1).
 * @throws {DomoInputError} a bad page or filter (nothing is sent)
 * @example
 * ```ts
 * const { data: groups } = await getGroups(auth, { limit: 100, offset: 0, search: 'finance' });
 * ```
 */
export async function getGroups(
  auth: DomoAuth,
  query: GroupListQuery = {},
  options?: RequestOptions,
): Promise<DomoResponse<Group[]>> {
  const route = 'getGroups';
  const { limit, offset } = checkPage(query.limit ?? 100, query.offset ?? 0, MAX_GROUP_PAGE, route);
  const filters = {
    ...(query.search === undefined ? {} : { search: checkText(query.search, 'search', route, 200) }),
    ...(query.owner === undefined ? {} : { owner: checkId(query.owner, 'owner', route), ownerType: 'USER' }),
    ...(query.member === undefined ? {} : { members: checkId(query.member, 'member', route) }),
    ...(query.groupType === undefined ? {} : { groupType: checkGroupType(query.groupType, route) }),
  };
  return auth.transport.request(
    {
      route,
      method: 'GET',
      path: `${GROUPS}/grouplist`,
      query: { ascending: true, sort: 'name', limit, offset, ...filters },
      schema: GroupListSchema,
    },
    options,
  );
}

/**
 * Every group matching the filters: {@link getGroups} page after page (500 asked at a time) until an empty page.
 * A page shorter than asked is not taken as the end (Domo may serve fewer than `limit`): the next offset is the
 * groups read so far, and the end is confirmed by an empty page.
 *
 * Endpoint: `GET /api/content/v2/groups/grouplist`, repeated
 * @remarks The `owner` and `members` filters are not in the Postman collection (PM) and may be ignored by Domo
 * (domo-api-admin.md §6 #1): this returns what Domo answered; re-check ownership and membership on the rows before
 * acting on them (`DomoUser.owned()` and `DomoUser.groups()` do).
 * @example
 * ```ts
 * const { data: owned } = await getAllGroups(auth, { owner: 1893952720 });
 * ```
 */
export async function getAllGroups(
  auth: DomoAuth,
  query: Omit<GroupListQuery, 'limit' | 'offset'> = {},
  options?: RequestOptions,
): Promise<DomoResponse<Group[]>> {
  const groups: Group[] = [];
  for (;;) {
    const { status, data } = await getGroups(auth, { ...query, limit: MAX_GROUP_PAGE, offset: groups.length }, options);
    if (data.length === 0) return { status, data: groups };
    groups.push(...data);
  }
}

/**
 * One group.
 *
 * Endpoint: `GET /api/content/v2/groups/{id}`
 * @throws {DomoNotFoundError} no such group
 * @example
 * ```ts
 * const { data: group } = await getGroupById(auth, 1814479647);
 * ```
 */
export async function getGroupById(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<Group>> {
  const groupId = checkId(id, 'id', 'getGroupById');
  return auth.transport.request(
    {
      route: 'getGroupById',
      method: 'GET',
      path: path`/api/content/v2/groups/${groupId}`,
      schema: GroupSchema,
      notFoundHint: groupNotFound(groupId),
    },
    options,
  );
}

/** What a new group needs. */
export interface CreateGroupInput {
  name: string;
  /** `open`, `adHoc`, `closed` or `dynamic` (system and directory groups are Domo's and the IdP's). @default 'open' */
  type?: GroupType;
  description?: string;
}

/**
 * Creates a group owned by the caller.
 *
 * Endpoint: `POST /api/content/v2/groups` with `{ name, type, description }`
 * @remarks Never retried: a repeat would create a second group.
 * @throws {DomoInputError} bad name, type or description (nothing is sent)
 * @example
 * ```ts
 * const { data: group } = await createGroup(auth, { name: 'Finance Analysts', type: 'closed', description: 'FP&A' });
 * ```
 */
export async function createGroup(
  auth: DomoAuth,
  input: CreateGroupInput,
  options?: RequestOptions,
): Promise<DomoResponse<Group>> {
  const route = 'createGroup';
  checkObject(input, 'input', route, '{ name, type?, description? }');
  const type = checkGroupType(input.type ?? 'open', route);
  if (type === 'system' || type === 'directory')
    throw new DomoInputError(
      `a ${type} group cannot be created: ${type === 'system' ? 'Domo' : 'the identity provider'} manages those`,
      { field: 'type', route },
    );
  const body = {
    name: checkName(input.name, 'name', route),
    type,
    description: checkText(input.description ?? '', 'description', route),
  };
  return auth.transport.request(
    { route, method: 'POST', path: GROUPS, json: body, maxRetries: 0, schema: GroupSchema },
    options,
  );
}

/** The group fields `updateGroup` changes; `undefined` leaves one as it is. */
export interface GroupChanges {
  name?: string;
  type?: GroupType;
  description?: string;
}

/**
 * Changes a group's name, type or description.
 *
 * Endpoint: `PUT /api/content/v2/groups` with `[{ groupId, name?, type?, description? }]`
 * @throws {DomoInputError} nothing to change or a bad value (nothing is sent)
 * @example
 * ```ts
 * await updateGroup(auth, 1814479647, { description: 'Financial planning' });
 * ```
 */
export async function updateGroup(
  auth: DomoAuth,
  id: number,
  changes: GroupChanges,
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const route = 'updateGroup';
  const groupId = checkId(id, 'id', route);
  checkObject(changes, 'changes', route, '{ name?, type?, description? }');
  const body = {
    groupId,
    ...(changes.name === undefined ? {} : { name: checkName(changes.name, 'name', route) }),
    ...(changes.type === undefined ? {} : { type: checkGroupType(changes.type, route) }),
    ...(changes.description === undefined ? {} : { description: checkText(changes.description, 'description', route) }),
  };
  if (Object.keys(body).length === 1)
    throw new DomoInputError('nothing to change: give a name, type or description', { field: 'changes', route });
  const { status } = await auth.transport.request(
    { route, method: 'PUT', path: GROUPS, json: [body], notFoundHint: groupNotFound(groupId) },
    options,
  );
  return { status, data: undefined };
}

/**
 * Deletes groups.
 *
 * Endpoint: `DELETE /api/content/v2/groups` with the body `[ids]`
 * @throws {DomoInputError} not a non-empty list of ids (nothing is sent)
 * @throws {DomoNotFoundError} one of them does not exist
 * @example
 * ```ts
 * await deleteGroups(auth, [1814479647]);
 * ```
 */
export async function deleteGroups(
  auth: DomoAuth,
  ids: readonly number[],
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const groupIds = checkIds(ids, 'ids', 'deleteGroups');
  const { status } = await auth.transport.request(
    {
      route: 'deleteGroups',
      method: 'DELETE',
      path: GROUPS,
      json: groupIds,
      notFoundHint: `group ${groupIds.join(', ')} not found`,
    },
    options,
  );
  return { status, data: undefined };
}

/** Checks a group type: one of {@link GROUP_TYPES}. */
export function checkGroupType(value: unknown, route?: string): GroupType {
  if (typeof value !== 'string' || !(GROUP_TYPES as readonly string[]).includes(value)) {
    throw new DomoInputError(`group type must be one of ${GROUP_TYPES.join(', ')}, got ${describe(value)}`, {
      field: 'type',
      route,
    });
  }
  return value as GroupType;
}

/** Checks a page: `limit` 1…`max`, `offset` ≥ 0. */
export function checkPage(
  limit: unknown,
  offset: unknown,
  max: number,
  route: string,
): { limit: number; offset: number } {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > max)
    throw new DomoInputError(`limit must be a whole number from 1 to ${max}, got ${describe(limit)}`, {
      field: 'limit',
      route,
    });
  if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
    throw new DomoInputError(`offset must be a whole number ≥ 0, got ${describe(offset)}`, { field: 'offset', route });
  return { limit, offset };
}
