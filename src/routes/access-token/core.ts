import { z } from 'zod';
import type { DomoAuth } from '../../auth/base.js';
import { DomoInputError } from '../../client/errors.js';
import type { DomoResponse, RequestOptions } from '../../client/options.js';
import { checkId, checkName, describe } from '../../internal/input.js';
import { AccessTokenSchema, CreatedAccessTokenSchema, type AccessToken, type CreatedAccessToken } from './schemas.js';

const TOKENS = '/api/data/v1/accesstokens';

/**
 * Every access token of the instance (the caller needs "Manage all access tokens and API clients" or "Manage all
 * company settings", D-TOK). Never a token's value. There is no read of one token: find it in this list.
 *
 * Endpoint: `GET /api/data/v1/accesstokens` (DL, DS, GDG)
 * @example
 * ```ts
 * const { data: tokens } = await getAccessTokens(auth);
 * ```
 */
export async function getAccessTokens(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<AccessToken[]>> {
  return auth.transport.request(
    { route: 'getAccessTokens', method: 'GET', path: TOKENS, schema: z.array(AccessTokenSchema) },
    options,
  );
}

/** What {@link createAccessToken} sends. */
export interface CreateAccessTokenInput {
  /** The token's name (shown in the admin list). */
  name: string;
  /** The user whose access the token carries. */
  ownerId: number;
  /** When it stops working, epoch ms (in the future). */
  expires: number;
}

/**
 * Creates an access token for `ownerId`, valid until `expires`. Its value is in the answer, and only there, as a
 * {@link Secret}. Never retried: a repeat would make a second token.
 *
 * Endpoint: `POST /api/data/v1/accesstokens` with body `{ name, ownerId, expires }` (DL, IDX-LO)
 * @remarks A 400 means an invalid owner (DL).
 * @throws {DomoInputError} a blank name, a malformed owner, or an expiry not in the future (nothing sent)
 * @example
 * ```ts
 * const { data } = await createAccessToken(auth, { name: 'etl', ownerId: 27, expires: Date.now() + 90 * 86_400_000 });
 * data.token.reveal(); // the value, once
 * ```
 */
export async function createAccessToken(
  auth: DomoAuth,
  input: CreateAccessTokenInput,
  options?: RequestOptions,
): Promise<DomoResponse<CreatedAccessToken>> {
  const route = 'createAccessToken';
  if (typeof input !== 'object' || input === null)
    throw new DomoInputError(`createAccessToken takes { name, ownerId, expires }, got ${describe(input)}`, { route });
  const name = checkName(input.name, 'name', route);
  const ownerId = checkId(input.ownerId, 'ownerId', route);
  if (typeof input.expires !== 'number' || !Number.isSafeInteger(input.expires) || input.expires <= Date.now())
    throw new DomoInputError(`expires must be a future time in epoch ms, got ${describe(input.expires)}`, {
      field: 'expires',
      route,
    });
  return auth.transport.request(
    {
      route,
      method: 'POST',
      path: TOKENS,
      json: { name, ownerId, expires: input.expires },
      schema: CreatedAccessTokenSchema,
      maxRetries: 0,
    },
    options,
  );
}

/**
 * Revokes an access token: it stops working at once, with no warning to whoever uses it. Read the list again to know
 * it happened.
 *
 * Endpoint: `DELETE /api/data/v1/accesstokens/{id}` (DL, DS, GDG)
 * @throws {DomoInputError} an id that is not an opaque token id (nothing sent)
 * @throws {DomoNotFoundError} no such token (or revoked already)
 */
export async function revokeAccessToken(
  auth: DomoAuth,
  id: string,
  options?: RequestOptions,
): Promise<DomoResponse<unknown>> {
  const tokenId = checkTokenId(id, 'revokeAccessToken');
  return auth.transport.request(
    {
      route: 'revokeAccessToken',
      method: 'DELETE',
      path: `${TOKENS}/${tokenId}`,
      notFoundHint: `access token ${tokenId} not found (revoked already?)`,
    },
    options,
  );
}

/** A token id: opaque (digits or a UUID seen), one path segment. */
export function checkTokenId(id: unknown, route: string): string {
  const text = typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? String(id) : id;
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(text))
    throw new DomoInputError(`an access token id is a short opaque string (digits or a UUID), got ${describe(id)}`, {
      field: 'id',
      route,
    });
  return text;
}
