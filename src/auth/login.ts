import { z } from 'zod';
import { DomoAuthError } from '../client/errors.js';
import type { RequestOptions } from '../client/options.js';
import { Secret } from '../client/secret.js';
import type { DomoTransport } from '../client/transport.js';
import { checkHeaderSafe } from './instance.js';

/** The login response. Domo answers HTTP 200 even for refused credentials, with `success: false` and a `reason`. */
const LoginResponseSchema = z
  .looseObject({
    success: z.boolean().optional(),
    sessionToken: z.string().optional(),
    reason: z.string().optional(),
    userId: z.number().optional(),
  })
  .or(z.string());

/** What a person can do about each refusal Domo names. */
const REFUSALS: Record<string, string> = {
  INVALID_CREDENTIALS: 'check the username (the email address) and the password',
  ACCOUNT_LOCKED: 'the account is locked after failed attempts; an admin can unlock it, or wait and try again',
};

/** A successful login: the session token, wrapped so it never prints. */
export interface LoginResult {
  sessionToken: Secret;
  userId?: number;
}

/**
 * Exchanges a username and password for a session token.
 *
 * Endpoint: `POST /api/content/v2/authentication` (no auth header) with `{ method: 'password', emailAddress, password }`.
 * @remarks Refused credentials arrive as HTTP 200 with `success: false` and `reason` `INVALID_CREDENTIALS` or
 * `ACCOUNT_LOCKED`; both become a {@link DomoAuthError} carrying the reason. Never retried.
 * @throws {DomoAuthError} refused credentials or no session token in the answer
 * @throws {DomoInstanceError} the instance answered 403
 */
export async function requestSession(
  transport: DomoTransport,
  credentials: { username: string; password: Secret },
  options?: RequestOptions,
): Promise<{ status: number; data: LoginResult }> {
  const { status, data } = await transport.request(
    {
      route: 'login',
      method: 'POST',
      path: '/api/content/v2/authentication',
      anonymous: true,
      maxRetries: 0,
      json: { method: 'password', emailAddress: credentials.username, password: credentials.password.reveal() },
      secrets: [credentials.password],
      sensitiveResponse: true,
      schema: LoginResponseSchema,
    },
    options,
  );
  const url = transport.baseUrl + '/api/content/v2/authentication';
  const body = typeof data === 'string' ? {} : data;
  if (body.success === false || body.reason) {
    const reason = body.reason ?? 'UNKNOWN';
    throw new DomoAuthError({
      status,
      method: 'POST',
      url,
      route: 'login',
      reason,
      hint: `login refused: ${reason}`,
      message: `login refused (${reason}): ${REFUSALS[reason] ?? 'Domo did not accept the username and password'}`,
    });
  }
  if (!body.sessionToken || !isHeaderSafe(body.sessionToken)) {
    throw new DomoAuthError({
      status,
      method: 'POST',
      url,
      route: 'login',
      reason: 'NO_SESSION_TOKEN',
      hint: 'login returned no usable session token',
      message: 'login failed: Domo answered without a usable session token',
    });
  }
  return {
    status,
    data: {
      sessionToken: new Secret(body.sessionToken),
      ...(body.userId === undefined ? {} : { userId: body.userId }),
    },
  };
}

function isHeaderSafe(value: string): boolean {
  try {
    checkHeaderSafe(value, 'session token');
    return true;
  } catch {
    return false;
  }
}
