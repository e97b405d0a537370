import { DomoAbortError, DomoInputError } from '../client/errors.js';
import type { RequestOptions } from '../client/options.js';
import { Secret } from '../client/secret.js';
import { waitWithin } from '../internal/wait.js';
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
    const password =
      typeof options.password === 'string' || options.password instanceof Secret
        ? Secret.from(options.password)
        : undefined;
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
  async login(options: RequestOptions = {}): Promise<LoginResult> {
    return { sessionToken: await this.#awaitLogin(options) };
  }

  /** The session header; the first caller logs in, and every caller waits within its own signal and timeout. */
  async authHeaders(options: RequestOptions = {}): Promise<Record<string, string>> {
    const session = this.#session ?? (await this.#awaitLogin(options));
    return { 'x-domo-authentication': session.reveal() };
  }

  /** After a 401, logs in again unless another request already did. */
  override async renewAfterUnauthorized(
    refused: Record<string, string>,
    options: RequestOptions = {},
  ): Promise<boolean> {
    const current = this.#session?.reveal();
    if (current !== undefined && current !== refused['x-domo-authentication']) return true;
    this.#session = undefined;
    await this.#awaitLogin(options);
    return true;
  }

  /**
   * Joins the one login in flight (or starts it) and waits for it within this caller's signal and timeout. The
   * login itself runs under the transport's own timeout and no caller's signal, so one caller giving up never
   * fails another caller that shares it.
   */
  #awaitLogin(options: RequestOptions): Promise<Secret> {
    const timeoutMs = options.timeoutMs ?? this.transport.timeoutMs;
    const context = { method: 'POST', url: `${this.baseUrl}/api/content/v2/authentication`, route: 'login' };
    if (options.signal?.aborted)
      return Promise.reject(new DomoAbortError('login was aborted before it was sent', context));
    return waitWithin(this.#loginOnce(), { signal: options.signal, timeoutMs }, 'login', context);
  }

  secrets(): Iterable<Secret> {
    return this.#session ? [this.#password, this.#session] : [this.#password];
  }

  #loginOnce(): Promise<Secret> {
    this.#pendingLogin ??= this.#login().finally(() => {
      this.#pendingLogin = undefined;
    });
    return this.#pendingLogin;
  }

  async #login(): Promise<Secret> {
    try {
      const { data } = await requestSession(this.transport, { username: this.username, password: this.#password });
      this.#session = data.sessionToken;
      if (data.userId !== undefined) this.userId = data.userId;
      return data.sessionToken;
    } catch (error) {
      throw forbiddenMeansBadInstance(error, this.instance);
    }
  }
}
