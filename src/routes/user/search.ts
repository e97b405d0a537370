import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import { checkIds, describe } from '../../client/input.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { UserSearchResultSchema, type UserSearchResult } from './schemas.js';

/** The user search: a read sent as POST. */
export const USER_SEARCH_PATH = '/api/identity/v1/users/search';

/** Most ids Domo takes in one `value` filter. */
export const MAX_IDS_PER_SEARCH = 1000;
/** Largest page the search serves. */
export const MAX_SEARCH_PAGE = 500;

/** One filter of the identity user search. */
export type UserFilter =
  | { field: 'id' | 'roleId'; filterType: 'value'; values: number[]; operator: 'EQ' }
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
  return { field: 'id', filterType: 'value', values, operator: 'EQ' };
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
 * Endpoint: `POST /api/identity/v1/users/search` with `{ filters, limit, offset, includeDeleted, includeSupport: false, sort, attributes, parts }`
 * @remarks A read sent as POST: retried like a GET, since it changes nothing. Ids go at most 1 000 per filter.
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
  const body = {
    includeDeleted: search.includeDeleted ?? false,
    includeSupport: false,
    limit,
    offset,
    sort: search.sort ?? { field: 'displayName', order: 'ASC' },
    filters: search.filters ?? [],
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
      schema: UserSearchResultSchema,
    },
    options,
  );
}
