import type { DomoAuth } from '../auth/base.js';
import { DomoFullAuth, type DomoFullAuthOptions } from '../auth/full.js';
import type { LoginResult } from '../auth/login.js';
import type { CurrentUser } from '../auth/user.js';
import type { DomoResponse, RequestOptions } from '../client/options.js';

/**
 * Logs in with a username and password and returns the session (the token is a `Secret`) and the logged-in auth.
 *
 * Endpoint: `POST /api/content/v2/authentication`
 * @remarks Domo answers refused credentials with HTTP 200 and `success: false`; that is a `DomoAuthError` here.
 * @throws {DomoAuthError} `INVALID_CREDENTIALS`, `ACCOUNT_LOCKED`, or no session token
 * @throws {DomoInstanceError} the instance answered 403
 * @example
 * ```ts
 * const { data } = await login({ instance: 'acme', username: 'me@acme.com', password });
 * await whoAmI(data.auth);
 * ```
 */
export async function login(
  options: DomoFullAuthOptions,
  requestOptions?: RequestOptions,
): Promise<DomoResponse<LoginResult & { auth: DomoFullAuth }>> {
  const auth = new DomoFullAuth(options);
  const result = await auth.login(requestOptions);
  return { status: 200, data: { ...result, auth } };
}

/**
 * The authenticated user.
 *
 * Endpoint: `GET /api/content/v2/users/me`
 * @remarks The answer names the role (`role`) and likely has no `roleId` (the Postman collection, domo-api-admin.md
 * §6 #3): `roleNameOf(auth, me)` gives the name either way.
 * @throws {DomoAuthError} the credentials were refused (401)
 * @throws {DomoInstanceError} the instance refused the caller (403)
 * @example
 * ```ts
 * const { data: me } = await whoAmI(auth);
 * ```
 */
export async function whoAmI(auth: DomoAuth, options?: RequestOptions): Promise<DomoResponse<CurrentUser>> {
  return auth.fetchCurrentUser(options);
}
