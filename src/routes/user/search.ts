import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { checkIds, describe } from '../../internal/input.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { UserSearchResultSchema, type UserSearchResult } from './schemas.js';

/** The user search: a read sent as POST. */
export const USER_SEARCH_PATH = '/api/identity/v1/users/search';

/** Most ids Domo takes in one `value` filter. */
export const MAX_IDS_PER_SEARCH = 1000;
/** Largest page the search serves. */
export const MAX_SEARCH_PAGE = 500;

/**
 * One filter of the identity user search. Ids in a `value` filter may be given as numbers or strings; they are
 * sent as strings, as the Postman collection (PM) and a peer client send them (domo-api-admin.md §6 #4).
 */
export type UserFilter =
  | { field: 'id' | 'roleId'; filterType: 'value'; values: (string | number)[]; operator: 'EQ' }
  | { field: 'emailAddress' | 'displayName'; filterType: 'text'; text: string };

/** A user search: filters (all must hold), a page, and whether deleted users count. */
export interface UserSearch {
  filters?: UserFilter[];
  /** @default 100; at most 500 */
  limit?: number;
  /** @default 0 */
  offset?: number;
  /** @default false */
  includeDeleted?: boolean;
  /** @default { field: 'displayName', order: 'ASC' } */
  sort?: { field: string; order: 'ASC' | 'DESC' };
}

/** The filter for users with these ids (at most {@link MAX_IDS_PER_SEARCH}). */
export function userIdFilter(ids: readonly number[]): UserFilter {
  const values = checkIds(ids, 'ids', 'userIdFilter');
  if (values.length > MAX_IDS_PER_SEARCH)
    throw new DomoInputError(`at most ${MAX_IDS_PER_SEARCH} ids per search, got ${values.length}; search in chunks`, {
      field: 'ids',
      route: 'userIdFilter',
    });
  return { field: 'id', filterType: 'value', values: values.map(String), operator: 'EQ' };
}

/** The filter for users holding one of these roles. */
export function userRoleFilter(roleIds: readonly number[]): UserFilter {
  const values = checkIds(roleIds, 'roleIds', 'userRoleFilter');
  return { field: 'roleId', filterType: 'value', values: values.map(String), operator: 'EQ' };
}

/**
 * The filter for users whose email holds any of these words — used with whole emails, so one search finds many
 * users. It is a text match: check the emails of the answer exactly.
 */
export function userEmailFilter(emails: readonly string[]): UserFilter {
  return { field: 'emailAddress', filterType: 'text', text: emails.join(' ') };
}

/**
 * One page of users matching every filter, with `attributes` flattened into fields.
 *
 * Endpoint: `POST /api/identity/v1/users/search` with `{ showCount: true, count: false, filters, limit, offset, includeDeleted, includeSupport: false, sort, attributes, parts }`
 * @remarks A read sent as POST: retried like a GET, since it changes nothing. Ids go at most 1 000 per filter, as
 * strings. `showCount: true` is what makes Domo send `count` (the Postman collection, PM, sends it with `count:
 * false`; domo-api-admin.md §6 #4); an answer without `count` is still read, and {@link searchUserPages} pages
 * until an empty page then. A page may be shorter than `limit` while more follow: never read a short page as the end.
 * @throws {DomoInputError} a bad page or filter (nothing is sent)
 * @example
 * ```ts
 * const { data } = await searchUsers(auth, { filters: [userEmailFilter(['ada@acme.com'])], limit: 50 });
 * ```
 */
export async function searchUsers(
  auth: DomoAuth,
  search: UserSearch = {},
  options?: RequestOptions,
): Promise<DomoResponse<UserSearchResult>> {
  const route = 'searchUsers';
  const limit = search.limit ?? 100;
  const offset = search.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_PAGE)
    throw new DomoInputError(`limit must be a whole number from 1 to ${MAX_SEARCH_PAGE}, got ${describe(limit)}`, {
      field: 'limit',
      route,
    });
  if (!Number.isInteger(offset) || offset < 0)
    throw new DomoInputError(`offset must be a whole number ≥ 0, got ${describe(offset)}`, { field: 'offset', route });
  if (search.filters !== undefined && !Array.isArray(search.filters))
    throw new DomoInputError(`filters must be an array, got ${describe(search.filters)}`, { field: 'filters', route });
  const body = {
    showCount: true,
    count: false,
    includeDeleted: search.includeDeleted ?? false,
    includeSupport: false,
    limit,
    offset,
    sort: search.sort ?? { field: 'displayName', order: 'ASC' },
    filters: (search.filters ?? []).map((filter) =>
      filter?.filterType === 'value' && Array.isArray(filter.values)
        ? { ...filter, values: filter.values.map(String) }
        : filter,
    ),
    parts: ['DETAILED', 'GROUPS', 'ROLE'],
    attributes: [
      'id',
      'displayName',
      'emailAddress',
      'roleId',
      'title',
      'department',
      'phoneNumber',
      'employeeId',
      'hireDate',
      'lastActivity',
      'lastLogin',
      'created',
    ],
  };
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: USER_SEARCH_PATH,
      json: body,
      idempotent: true,
      readOnly: true,
      schema: UserSearchResultSchema,
    },
    options,
  );
}

/** How a paged user search ended: how many users `count` announced (when sent) and how many were read. */
export interface UserPaging {
  /** `count` of the first answer that had one. */
  expected: number | undefined;
  /** Users read, every page. */
  read: number;
  /** True when Domo announced more users than it served (an empty page came before the count). */
  short: boolean;
}

/**
 * Every page of one user search, in order, as they arrive; the generator's return value says how it ended.
 *
 * Endpoint: `POST /api/identity/v1/users/search`, repeated
 * @remarks Pages until the announced `count`, or an empty page: a page shorter than asked is not the end (Domo may
 * serve fewer users a page than `limit`, so the next offset is the users read so far). Without a `count`, one more
 * request confirms the end.
 * @example
 * ```ts
 * for await (const page of searchUserPages(auth, { filters: [userRoleFilter([1])] })) admins.push(...page);
 * ```
 */
export async function* searchUserPages(
  auth: DomoAuth,
  search: Omit<UserSearch, 'limit' | 'offset'> & { pageSize?: number; offset?: number } = {},
  options?: RequestOptions,
): AsyncGenerator<UserSearchResult['users'], UserPaging> {
  const { pageSize = MAX_SEARCH_PAGE, offset: start = 0, ...rest } = search;
  let expected: number | undefined;
  let read = 0;
  for (let offset = start; ;) {
    const { data } = await searchUsers(auth, { ...rest, limit: pageSize, offset }, options);
    expected ??= data.count;
    if (data.users.length === 0) return { expected, read, short: expected !== undefined && start + read < expected };
    read += data.users.length;
    offset += data.users.length;
    yield data.users;
    if (expected !== undefined && offset >= expected) return { expected, read, short: false };
  }
}

/** Every user of one search (see {@link searchUserPages}), with how the paging ended. */
export async function searchAllUsers(
  auth: DomoAuth,
  search: Omit<UserSearch, 'limit' | 'offset'> & { pageSize?: number } = {},
  options?: RequestOptions,
): Promise<{ users: UserSearchResult['users']; paging: UserPaging }> {
  const users: UserSearchResult['users'] = [];
  const pages = searchUserPages(auth, search, options);
  for (;;) {
    const next = await pages.next();
    if (next.done) return { users, paging: next.value };
    users.push(...next.value);
  }
}
