import { DomoInputError } from '../client/errors.js';
import type { RequestOptions } from '../client/options.js';
import { Secret } from '../client/secret.js';
import { DomoAuth, forbiddenMeansBadInstance, type DomoAuthOptions } from './base.js';
import { requestSession, type LoginResult } from './login.js';

export interface DomoFullAuthOptions extends DomoAuthOptions {
  /** The user's email address (Domo's login name). */
  username: string;
  password: string | Secret;
}

/**
 * Authenticates with a username and password: logs in lazily on the first request (concurrent first requests
 * share one login), sends the session as `x-domo-authentication`, and logs in once more after a 401.
 *
 * @example
 * ```ts
 * const auth = new DomoFullAuth({ instance: 'acme', username: 'admin@acme.com', password: process.env.DOMO_PASSWORD! });
 * await auth.whoAmI();
 * ```
 */
export class DomoFullAuth extends DomoAuth {
  readonly kind = 'full';
  readonly username: string;
  readonly #password: Secret;
  #session: Secret | undefined;
  #pendingLogin: Promise<Secret> | undefined;

  constructor(options: DomoFullAuthOptions) {
    super(options);
    if (typeof options.username !== 'string' || options.username.trim() === '') {
      throw new DomoInputError('username is required (the email address used to log in)', { field: 'username' });
    }
    const password = typeof options.password === 'string' || options.password instanceof Secret ? Secret.from(options.password) : undefined;
    if (!password || password.reveal() === '') throw new DomoInputError('password is required', { field: 'password' });
    this.username = options.username.trim();
    this.#password = password;
  }

  /** True once a session token is held. */
  get isLoggedIn(): boolean {
    return this.#session !== undefined;
  }

  /**
   * Logs in now (otherwise the first request does). Concurrent callers share one login.
   * @throws {DomoAuthError} refused credentials (`reason` says why)
   * @throws {DomoInstanceError} the instance answered 403
   */
  async login(options?: RequestOptions): Promise<LoginResult> {
    return { sessionToken: await this.#loginOnce(options) };
  }

  async authHeaders(): Promise<Record<string, string>> {
    const session = this.#session ?? (await this.#loginOnce());
    return { 'x-domo-authentication': session.reveal() };
  }

  /** After a 401, logs in again unless another request already did. */
  override async renewAfterUnauthorized(refused: Record<string, string>): Promise<boolean> {
    const current = this.#session?.reveal();
    if (current !== undefined && current !== refused['x-domo-authentication']) return true;
    this.#session = undefined;
    await this.#loginOnce();
    return true;
  }

  secrets(): Iterable<Secret> {
    return this.#session ? [this.#password, this.#session] : [this.#password];
  }

  #loginOnce(options?: RequestOptions): Promise<Secret> {
    this.#pendingLogin ??= this.#login(options).finally(() => {
      this.#pendingLogin = undefined;
    });
    return this.#pendingLogin;
  }

  async #login(options?: RequestOptions): Promise<Secret> {
    try {
      const { data } = await requestSession(this.transport, { username: this.username, password: this.#password }, options);
      this.#session = data.sessionToken;
      if (data.userId !== undefined) this.userId = data.userId;
      return data.sessionToken;
    } catch (error) {
      throw forbiddenMeansBadInstance(error, this.instance);
    }
  }
}
