import { DomoInputError } from '../client/errors.js';
import { Secret } from '../client/secret.js';
import { DomoAuth, type DomoAuthOptions } from './base.js';
import { checkHeaderSafe } from './instance.js';

export interface DomoTokenAuthOptions extends DomoAuthOptions {
  /** An access token from Admin › Authentication › Access tokens. */
  token: string | Secret;
}

/**
 * Authenticates with a Domo access token sent as `x-domo-developer-token`.
 *
 * @example
 * ```ts
 * const auth = new DomoTokenAuth({ instance: 'acme', token: process.env.DOMO_ACCESS_TOKEN! });
 * await auth.whoAmI();
 * ```
 */
export class DomoTokenAuth extends DomoAuth {
  readonly kind = 'token';
  readonly #token: Secret;

  constructor(options: DomoTokenAuthOptions) {
    super(options);
    const token =
      typeof options.token === 'string' || options.token instanceof Secret ? Secret.from(options.token) : undefined;
    if (!token || token.isBlank())
      throw new DomoInputError('token is required (a Domo access token)', { field: 'token' });
    checkHeaderSafe(token.reveal(), 'token');
    this.#token = token;
  }

  authHeaders(): Promise<Record<string, string>> {
    return Promise.resolve({ 'x-domo-developer-token': this.#token.reveal() });
  }

  secrets(): Iterable<Secret> {
    return [this.#token];
  }
}
