import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoApiError, DomoConflictError, DomoInputError, DomoNotFoundError } from '../../client/errors.js';
import { checkId, checkName, checkObject, describe } from '../../internal/input.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { goneOnRetryIsDeleted, type VerifiedResponse } from '../../internal/quirks.js';
import { UserDetailsSchema, UserSchema, type User, type UserDetails } from './schemas.js';
import { searchUsers, userEmailFilter } from './search.js';

/** The hint on a 404 for a user. */
export const userNotFound = (id: number) => `user ${id} not found`;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Checks an email address: trimmed, one `@`, a dot in the domain, no spaces. */
export function checkEmail(value: unknown, field = 'email', route?: string): string {
  const email = typeof value === 'string' ? value.trim() : value;
  if (typeof email !== 'string' || !EMAIL.test(email))
    throw new DomoInputError(`${field} must be an email address, got ${describe(value)}`, { field, route });
  return email;
}

/**
 * One user.
 *
 * Endpoint: `GET /api/content/v2/users/{id}`
 * @remarks Domo answers **200 with an empty body** for a user that does not exist; that is a `DomoNotFoundError` here.
 * The answer names the role (`role`, plus `rights`) and carries **no `roleId`**, per the Postman collection's saved
 * response (domo-api-admin.md §6 #3): read the role with `roleNameOf` or {@link getUserDetails} (v3) instead.
 * @throws {DomoNotFoundError} no such user
 * @example
 * ```ts
 * const { data: user } = await getUserById(auth, 1893952720);
 * ```
 */
export async function getUserById(auth: DomoAuth, id: number, options?: RequestOptions): Promise<DomoResponse<User>> {
  const userId = checkId(id, 'id', 'getUserById');
  const url = path`/api/content/v2/users/${userId}`;
  const response = await auth.transport.request(
    {
      route: 'getUserById',
      method: 'GET',
      path: url,
      schema: UserSchema.or(emptyBody),
      notFoundHint: userNotFound(userId),
    },
    options,
  );
  if (response.data === undefined) {
    throw new DomoNotFoundError({
      status: 404,
      method: 'GET',
      url: auth.baseUrl + url,
      route: 'getUserById',
      attempts: 1,
      hint: `${userNotFound(userId)} (Domo answered 200 with an empty body)`,
    });
  }
  return { status: response.status, data: response.data };
}

/** The create answer: a v3 user whose id may come as `userId` (a peer client reads `id ?? userId`). */
const CreatedUserSchema = z.preprocess(
  (value) =>
    typeof value === 'object' && value !== null && !('id' in value) && 'userId' in value
      ? { ...value, id: value.userId }
      : value,
  UserDetailsSchema,
);

/** Domo's answer for an unknown user: an empty body. */
const emptyBody = z.literal('').transform(() => undefined);

/**
 * One user with its details (title, department, phone, whether it is active), `detail` merged into the user.
 *
 * Endpoint: `GET /api/content/v3/users/{id}?includeDetails=true`
 * @throws {DomoNotFoundError} no such user (404)
 * @example
 * ```ts
 * const { data } = await getUserDetails(auth, 1893952720);   // data.active, data.title, …
 * ```
 */
export async function getUserDetails(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<UserDetails>> {
  const userId = checkId(id, 'id', 'getUserDetails');
  return auth.transport.request(
    {
      route: 'getUserDetails',
      method: 'GET',
      path: path`/api/content/v3/users/${userId}`,
      query: { includeDetails: true },
      schema: UserDetailsSchema,
      notFoundHint: userNotFound(userId),
    },
    options,
  );
}

/** What a new user needs. */
export interface CreateUserInput {
  displayName: string;
  email: string;
  /** @default the instance's default role (Domo decides) */
  roleId?: number;
  /**
   * Whether Domo emails the new user an invitation. Always sent: Domo's own default is to send one.
   * @default false
   */
  sendInvite?: boolean;
}

/**
 * Creates (invites) a user.
 *
 * Endpoint: `POST /api/content/v3/users?sendInvite=false` with `{ displayName, detail: { email }, roleId }`
 * @remarks `sendInvite` is always sent, `false` unless asked: Domo's default emails an invitation (the Postman
 * collection, PM, sends `sendInvite=false`; a peer client defaults to `true`; domo-api-admin.md §6 #2). The answer's
 * id is read as `id ?? userId`, as that peer reads it. Never retried. Domo answers `400 Bad Request` when the email
 * is already taken; on a 400 the email is searched for, and a match makes it a `DomoConflictError` naming the
 * existing user (otherwise the 400 stands).
 * @throws {DomoInputError} bad name, email or role id (nothing is sent)
 * @throws {DomoConflictError} a user with that email exists
 * @example
 * ```ts
 * const { data: user } = await createUser(auth, { displayName: 'Ada Lovelace', email: 'ada@acme.com', roleId: 4 });
 * ```
 */
export async function createUser(
  auth: DomoAuth,
  input: CreateUserInput,
  options?: RequestOptions,
): Promise<DomoResponse<UserDetails>> {
  const route = 'createUser';
  checkObject(input, 'input', route, '{ displayName, email, roleId?, sendInvite? }');
  const email = checkEmail(input.email, 'email', route);
  const sendInvite = input.sendInvite ?? false;
  if (typeof sendInvite !== 'boolean')
    throw new DomoInputError(`sendInvite must be true or false, got ${describe(sendInvite)}`, {
      field: 'sendInvite',
      route,
    });
  const body = {
    displayName: checkName(input.displayName, 'displayName', route),
    detail: { email },
    ...(input.roleId === undefined ? {} : { roleId: checkId(input.roleId, 'roleId', route) }),
  };
  try {
    return await auth.transport.request(
      {
        route,
        method: 'POST',
        path: '/api/content/v3/users',
        query: { sendInvite },
        json: body,
        maxRetries: 0,
        schema: CreatedUserSchema,
      },
      options,
    );
  } catch (error) {
    if (!(error instanceof DomoApiError && error.status === 400)) throw error;
    const existing = (
      await searchUsers(auth, { filters: [userEmailFilter([email])], limit: 50 }, options)
    ).data.users.find((u) => u.emailAddress?.toLowerCase() === email.toLowerCase());
    if (!existing) throw error;
    throw new DomoConflictError({
      status: 409,
      method: error.method,
      url: error.url,
      route,
      attempts: error.attempts,
      hint: `a user with email ${email} already exists (#${existing.id} ${JSON.stringify(existing.displayName ?? '')})`,
      message: `createUser: a user with email ${email} already exists (#${existing.id}); Domo answered 400 Bad Request`,
    });
  }
}

/** The user fields `updateUser` changes. `undefined` leaves a field as it is; `null` clears it (not `displayName`, `emailAddress` or `roleId`). */
export interface UserChanges {
  displayName?: string;
  emailAddress?: string;
  title?: string | null;
  department?: string | null;
  phoneNumber?: string | null;
  employeeId?: string | null;
  roleId?: number;
  /** A ms epoch. */
  hireDate?: number | null;
}

const CLEARABLE = new Set(['title', 'department', 'phoneNumber', 'employeeId', 'hireDate']);

/**
 * Changes a user's fields (patch semantics) — the role too: a user holds exactly one.
 *
 * Endpoint: `PATCH /api/identity/v1/users/{id}` with `{ attributes: [{ key, values: [value] }] }`
 * @throws {DomoInputError} nothing to change, an unknown field, or a bad value (nothing is sent)
 * @throws {DomoNotFoundError} no such user
 * @example
 * ```ts
 * await updateUser(auth, 1893952720, { title: 'Analyst', department: null, roleId: 4 });
 * ```
 */
export async function updateUser(
  auth: DomoAuth,
  id: number,
  changes: UserChanges,
  options?: RequestOptions,
): Promise<DomoResponse<User>> {
  const route = 'updateUser';
  const userId = checkId(id, 'id', route);
  const attributes = userAttributes(changes, route);
  return auth.transport.request(
    {
      route,
      method: 'PATCH',
      path: path`/api/identity/v1/users/${userId}`,
      json: { attributes },
      idempotent: true,
      schema: UserSchema,
      notFoundHint: userNotFound(userId),
    },
    options,
  );
}

/** The PATCH attributes for `changes`, each value checked. Pure: no request. */
export function userAttributes(changes: UserChanges, route = 'updateUser'): { key: string; values: unknown[] }[] {
  checkObject(
    changes,
    'changes',
    route,
    '{ displayName?, emailAddress?, title?, department?, phoneNumber?, employeeId?, roleId?, hireDate? }',
  );
  const known = [
    'displayName',
    'emailAddress',
    'title',
    'department',
    'phoneNumber',
    'employeeId',
    'roleId',
    'hireDate',
  ];
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  const unknown = entries.map(([key]) => key).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new DomoInputError(`unknown user fields: ${unknown.join(', ')}; valid: ${known.join(', ')}`, {
      field: unknown[0],
      route,
    });
  if (entries.length === 0)
    throw new DomoInputError('nothing to change: give at least one field', { field: 'changes', route });
  return entries.map(([key, value]) => ({ key, values: [attributeValue(key, value, route)] }));
}

function attributeValue(key: string, value: unknown, route: string): unknown {
  if (value === null) {
    if (!CLEARABLE.has(key)) throw new DomoInputError(`${key} cannot be cleared`, { field: key, route });
    return null;
  }
  if (key === 'roleId') return checkId(value, 'roleId', route);
  if (key === 'emailAddress') return checkEmail(value, 'emailAddress', route);
  if (key === 'displayName') return checkName(value, 'displayName', route);
  if (key === 'hireDate') {
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new DomoInputError(`hireDate must be a ms epoch, got ${describe(value)}`, { field: key, route });
    return value;
  }
  if (typeof value !== 'string')
    throw new DomoInputError(`${key} must be a string or null, got ${describe(value)}`, { field: key, route });
  return value;
}

/**
 * Deletes a user. Domo keeps the record with an email like `…_deleted_<epoch>`.
 *
 * Endpoint: `DELETE /api/identity/v1/users/{id}`
 * @remarks A 404 on a *retry* means the first attempt deleted it.
 * @throws {DomoNotFoundError} no such user
 * @example
 * ```ts
 * await deleteUser(auth, 1893952720);
 * ```
 */
export async function deleteUser(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<VerifiedResponse<void>> {
  const userId = checkId(id, 'id', 'deleteUser');
  return goneOnRetryIsDeleted(
    auth.transport.request(
      {
        route: 'deleteUser',
        method: 'DELETE',
        path: path`/api/identity/v1/users/${userId}`,
        notFoundHint: userNotFound(userId),
      },
      options,
    ),
  );
}
