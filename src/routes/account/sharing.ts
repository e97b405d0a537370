import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError, DomoServerError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { path } from '../../client/path.js';
import { checkId } from '../../internal/input.js';
import { accountNotFound } from './core.js';
import { oauthNotFound } from './oauth.js';
import { AccessEntrySchema, AccessListSchema, type AccessEntry } from './schemas.js';

/** Built once: a schema made per call is compiled again per call. */
const AccessListBodySchema = z.looseObject({ list: AccessListSchema });
/** A template's access list: a bare array, or wrapped in `{ list }`. */
const TemplateAccessListSchema = z.union([
  z.array(AccessEntrySchema),
  AccessListBodySchema.transform((body) => body.list),
]);

/** Access levels of v2 sharing (users and groups). `NO_ACCESS` is sent as `NONE` and revokes. */
export const AccessLevel = {
  OWNER: 'OWNER',
  CAN_SHARE: 'CAN_SHARE',
  CAN_EDIT: 'CAN_EDIT',
  CAN_VIEW: 'CAN_VIEW',
  NO_ACCESS: 'NONE',
} as const;
export type AccessLevel = (typeof AccessLevel)[keyof typeof AccessLevel];

/** Access levels of the legacy v1 sharing (users only). */
export const AccessLevelV1 = {
  OWNER: 'OWNER',
  CAN_EDIT: 'WRITE',
  CAN_VIEW: 'READ',
} as const;
export type AccessLevelV1 = (typeof AccessLevelV1)[keyof typeof AccessLevelV1];

/** Who to share with: exactly one of a user or a group. */
export type SharePrincipal = { userId: number; groupId?: undefined } | { groupId: number; userId?: undefined };

/** A v2 share request. */
export type ShareInput = SharePrincipal & { accessLevel: AccessLevel | keyof typeof AccessLevel };

/** The v2 body Domo expects. */
export interface SharePayload {
  type: 'USER' | 'GROUP';
  /** A string for users and a number for groups, as domolibrary sends them. */
  id: string | number;
  accessLevel: AccessLevel;
}

/** The v1 body Domo expects. */
export interface SharePayloadV1 {
  type: 'USER';
  id: number;
  permissions: [AccessLevelV1];
}

const V2_VALUES = Object.values(AccessLevel) as string[];
const V1_FROM_V2: Record<string, AccessLevelV1> = {
  OWNER: 'OWNER',
  CAN_SHARE: 'OWNER',
  CAN_EDIT: 'WRITE',
  CAN_VIEW: 'READ',
  WRITE: 'WRITE',
  READ: 'READ',
};

/** A v2 access level from a value (`CAN_VIEW`, `NONE`) or a key (`NO_ACCESS`). */
export function toAccessLevel(value: unknown): AccessLevel {
  if (typeof value === 'string') {
    const upper = value.trim().toUpperCase();
    if (V2_VALUES.includes(upper)) return upper as AccessLevel;
    if (upper in AccessLevel) return AccessLevel[upper as keyof typeof AccessLevel];
  }
  throw new DomoInputError(
    `accessLevel must be one of ${Object.keys(AccessLevel).join(', ')}, got ${JSON.stringify(value)}`,
    { field: 'accessLevel' },
  );
}

/** The principal of a share request; exactly one of `userId` and `groupId`. */
export function toPrincipal(input: { userId?: unknown; groupId?: unknown } | undefined): {
  type: 'USER' | 'GROUP';
  id: number;
} {
  const hasUser = input?.userId !== undefined;
  const hasGroup = input?.groupId !== undefined;
  if (hasUser === hasGroup)
    throw new DomoInputError('give exactly one of userId and groupId', { field: hasUser ? 'groupId' : 'userId' });
  return hasUser
    ? { type: 'USER', id: checkId(input.userId, 'userId') }
    : { type: 'GROUP', id: checkId(input?.groupId, 'groupId') };
}

/**
 * The v2 share body. Pure: no request.
 * @example
 * ```ts
 * sharePayload({ userId: 929336557, accessLevel: AccessLevel.CAN_VIEW });  // { type: 'USER', id: '929336557', accessLevel: 'CAN_VIEW' }
 * sharePayload({ groupId: 1814479647, accessLevel: 'NO_ACCESS' });          // { type: 'GROUP', id: 1814479647, accessLevel: 'NONE' }
 * ```
 */
export function sharePayload(input: ShareInput): SharePayload {
  const principal = toPrincipal(input);
  const accessLevel = toAccessLevel(input?.accessLevel);
  return { type: principal.type, id: principal.type === 'USER' ? String(principal.id) : principal.id, accessLevel };
}

/**
 * The legacy v1 share body (users only). v2 levels are mapped: CAN_VIEW→READ, CAN_EDIT→WRITE, CAN_SHARE→OWNER.
 * @example
 * ```ts
 * sharePayloadV1({ userId: 929336557, accessLevel: AccessLevelV1.CAN_VIEW });  // { type: 'USER', id: 929336557, permissions: ['READ'] }
 * ```
 */
export function sharePayloadV1(input: {
  userId: number;
  groupId?: undefined;
  accessLevel: AccessLevelV1 | AccessLevel;
}): SharePayloadV1 {
  if ((input as { groupId?: unknown })?.groupId !== undefined)
    throw new DomoInputError('v1 sharing supports users only; use shareAccount (v2) for groups', { field: 'groupId' });
  const userId = checkId(input?.userId, 'userId');
  const level = typeof input.accessLevel === 'string' ? V1_FROM_V2[input.accessLevel.trim().toUpperCase()] : undefined;
  if (!level)
    throw new DomoInputError(
      `accessLevel for v1 sharing must be one of OWNER, CAN_EDIT (WRITE), CAN_VIEW (READ); v1 cannot revoke. Got ${JSON.stringify(input.accessLevel)}`,
      { field: 'accessLevel' },
    );
  return { type: 'USER', id: userId, permissions: [level] };
}

/** Domo answers 500 when the principal already has the access asked for; say so beside the server's words. */
const ALREADY_HAS_ACCESS = 'the principal may already have this access';

/** Sharing is retried on resets and 502–504, but not on 500: Domo's 500 here means "already shared". */
const SHARE_RETRY_STATUSES = [408, 429, 502, 503, 504];

async function sendShare(
  auth: DomoAuth,
  route: string,
  sharePath: string,
  body: object,
  hint: string,
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  try {
    const { status } = await auth.transport.request(
      { route, method: 'PUT', path: sharePath, json: body, notFoundHint: hint },
      { ...options, retry: withoutStatus500(auth, options) },
    );
    return { status, data: undefined };
  } catch (error) {
    if (error instanceof DomoServerError && error.status === 500) {
      throw new DomoServerError({
        status: 500,
        statusText: error.statusText,
        method: error.method,
        url: error.url,
        route,
        attempts: error.attempts,
        body: error.body,
        serverMessage: error.serverMessage,
        hint: ALREADY_HAS_ACCESS,
      });
    }
    throw error;
  }
}

function withoutStatus500(auth: DomoAuth, options?: RequestOptions) {
  const override = options?.retry;
  const base = typeof override === 'number' ? { limit: override } : { ...override };
  return {
    ...base,
    statusCodes: (base.statusCodes ?? auth.transport.retry.statusCodes).filter((s) => SHARE_RETRY_STATUSES.includes(s)),
  };
}

/**
 * Who can use a credential account: users and groups with their access level.
 *
 * Endpoint: `GET /api/data/v2/accounts/share/{id}` → `{ list: [...] }`, unwrapped here
 * @throws {DomoNotFoundError} missing or not shared with you
 * @example
 * ```ts
 * const { data: access } = await getAccountAccessList(auth, 71);  // [{ type: 'USER', id: 1893952720, accessLevel: 'OWNER', name: '…' }]
 * ```
 */
export async function getAccountAccessList(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<AccessEntry[]>> {
  const accountId = checkId(id, 'id', 'getAccountAccessList');
  const response = await auth.transport.request(
    {
      route: 'getAccountAccessList',
      method: 'GET',
      path: path`/api/data/v2/accounts/share/${accountId}`,
      schema: AccessListBodySchema,
      notFoundHint: accountNotFound(accountId),
      forbiddenMeansNotFound: true,
    },
    options,
  );
  return { status: response.status, data: response.data.list };
}

/**
 * Shares a credential account with a user or a group, changes their level, or revokes it with `NO_ACCESS`.
 *
 * Endpoint: `PUT /api/data/v2/accounts/share/{id}` with `{ type, id, accessLevel }`
 * @remarks Domo answers 500 when the principal already has exactly that access; it is reported as the
 * `DomoServerError` it is, with a hint. (`account.share()` re-reads the access list to tell.)
 * @throws {DomoInputError} not exactly one of userId/groupId, or an unknown access level (nothing is sent)
 * @throws {DomoServerError} 500, e.g. the principal already has this access
 * @example
 * ```ts
 * await shareAccount(auth, 71, { userId: 929336557, accessLevel: AccessLevel.CAN_VIEW });
 * await shareAccount(auth, 71, { userId: 929336557, accessLevel: AccessLevel.NO_ACCESS });  // revoke
 * ```
 */
export async function shareAccount(
  auth: DomoAuth,
  id: number,
  input: ShareInput,
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const accountId = checkId(id, 'id', 'shareAccount');
  const body = withRoute(() => sharePayload(input), 'shareAccount');
  return sendShare(
    auth,
    'shareAccount',
    path`/api/data/v2/accounts/share/${accountId}`,
    body,
    accountNotFound(accountId),
    options,
  );
}

/**
 * Shares a credential account with a user through the legacy v1 endpoint (no groups, no revoke).
 *
 * Endpoint: `PUT /api/data/v1/accounts/{id}/share` with `{ type: 'USER', id, permissions: [level] }`
 * @remarks For instances where v2 sharing is not enabled.
 * @example
 * ```ts
 * await shareAccountV1(auth, 71, { userId: 929336557, accessLevel: AccessLevelV1.CAN_VIEW });
 * ```
 */
export async function shareAccountV1(
  auth: DomoAuth,
  id: number,
  input: { userId: number; accessLevel: AccessLevelV1 | AccessLevel },
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const accountId = checkId(id, 'id', 'shareAccountV1');
  const body = withRoute(() => sharePayloadV1(input), 'shareAccountV1');
  return sendShare(
    auth,
    'shareAccountV1',
    path`/api/data/v1/accounts/${accountId}/share`,
    body,
    accountNotFound(accountId),
    options,
  );
}

/**
 * Who can use an OAuth account template.
 *
 * Endpoint: `GET /api/data/v2/accounts/templates/{id}/share` (a bare array; a `{ list }` wrapper is accepted too)
 * @example
 * ```ts
 * const { data } = await getOAuthAccountAccessList(auth, 5);
 * ```
 */
export async function getOAuthAccountAccessList(
  auth: DomoAuth,
  id: number,
  options?: RequestOptions,
): Promise<DomoResponse<AccessEntry[]>> {
  const templateId = checkId(id, 'id', 'getOAuthAccountAccessList');
  const response = await auth.transport.request(
    {
      route: 'getOAuthAccountAccessList',
      method: 'GET',
      path: path`/api/data/v2/accounts/templates/${templateId}/share`,
      schema: TemplateAccessListSchema,
      notFoundHint: oauthNotFound(templateId),
      forbiddenMeansNotFound: true,
    },
    options,
  );
  return response;
}

/**
 * Shares an OAuth account template, or revokes with `NO_ACCESS`.
 *
 * Endpoint: `PUT /api/data/v2/accounts/templates/share/{id}` (note: `share/{id}` here, `{id}/share` for the read)
 * @example
 * ```ts
 * await shareOAuthAccount(auth, 5, { userId: 929336557, accessLevel: AccessLevel.CAN_VIEW });
 * ```
 */
export async function shareOAuthAccount(
  auth: DomoAuth,
  id: number,
  input: ShareInput,
  options?: RequestOptions,
): Promise<DomoResponse<void>> {
  const templateId = checkId(id, 'id', 'shareOAuthAccount');
  const body = withRoute(() => sharePayload(input), 'shareOAuthAccount');
  return sendShare(
    auth,
    'shareOAuthAccount',
    path`/api/data/v2/accounts/templates/share/${templateId}`,
    body,
    oauthNotFound(templateId),
    options,
  );
}

/** Runs a payload builder, naming the route on any input error. */
function withRoute<T>(build: () => T, route: string): T {
  try {
    return build();
  } catch (error) {
    if (error instanceof DomoInputError) throw new DomoInputError(error.message, { field: error.field, route });
    throw error;
  }
}
