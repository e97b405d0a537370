import { inspect } from 'node:util';
import { DomoInstanceError, isDomoError } from '../client/errors.js';
import { checkTransportOptions } from '../internal/input.js';
import type { DomoResponse, RequestOptions, TransportOptions } from '../client/options.js';
import type { Secret } from '../client/secret.js';
import { DomoTransport, type AuthProvider } from '../client/transport.js';
import { normalizeInstance, resolveBaseUrl } from './instance.js';
import { CurrentUserSchema, type CurrentUser } from './user.js';

/** What every auth strategy accepts: the instance and the transport options. */
export interface DomoAuthOptions extends TransportOptions {
  /** The instance subdomain (`acme`); `acme.domo.com` and `https://acme.domo.com` are accepted and normalised. */
  instance: string;
}

/**
 * Credentials for one Domo instance plus the transport that uses them. Strategies differ only in the headers
 * they send; credentials live in private fields as `Secret`s and never print.
 */
export abstract class DomoAuth implements AuthProvider {
  /** The instance subdomain, e.g. `acme`. */
  readonly instance: string;
  /** Where requests go: `https://{instance}.domo.com` unless `baseUrl` was given. */
  readonly baseUrl: string;
  /** The id of the authenticated user, known after {@link DomoAuth.whoAmI}. */
  userId: number | undefined;
  readonly #transportOptions: TransportOptions;
  #transport: DomoTransport | undefined;

  protected constructor(options: DomoAuthOptions) {
    this.instance = normalizeInstance(options.instance);
    this.baseUrl = resolveBaseUrl(this.instance, options.baseUrl);
    this.#transportOptions = checkTransportOptions(pickTransportOptions(options));
  }

  /** The strategy's name, e.g. `token` or `full`. */
  abstract readonly kind: string;

  /** The transport every route sends through; built on first use. */
  get transport(): DomoTransport {
    this.#transport ??= new DomoTransport(this, this.baseUrl, this.#transportOptions);
    return this.#transport;
  }

  abstract authHeaders(options?: RequestOptions): Promise<Record<string, string>>;
  abstract secrets(): Iterable<Secret>;

  /** Token auth cannot renew; session auth logs in again. */
  renewAfterUnauthorized(_refused: Record<string, string>, _options?: RequestOptions): Promise<boolean> {
    return Promise.resolve(false);
  }

  /**
   * The authenticated user. Proves the credentials and the instance work.
   *
   * Endpoint: `GET /api/content/v2/users/me`
   * @remarks Like every v2 user read, the answer names the role (`role`) and likely has no `roleId` (the Postman
   * collection, domo-api-admin.md §6 #3): `roleNameOf(auth, me)` gives the name either way.
   * @throws {DomoAuthError} the credentials were refused (401)
   * @throws {DomoInstanceError} the instance refused the caller (403), or does not exist
   */
  async whoAmI(options?: RequestOptions): Promise<CurrentUser> {
    return (await this.fetchCurrentUser(options)).data;
  }

  /** {@link DomoAuth.whoAmI} with the HTTP status, as the `whoAmI` route returns it. */
  async fetchCurrentUser(options?: RequestOptions): Promise<DomoResponse<CurrentUser>> {
    try {
      const response = await this.transport.request(
        { route: 'whoAmI', method: 'GET', path: '/api/content/v2/users/me', schema: CurrentUserSchema },
        options,
      );
      this.userId = response.data.id;
      return response;
    } catch (error) {
      throw forbiddenMeansBadInstance(error, this.instance);
    }
  }

  /** This auth's transport options (base URL, timeouts, retries, logging) without credentials, to build a sibling auth. */
  get transportOptions(): TransportOptions {
    return { ...this.#transportOptions };
  }

  /** `DomoTokenAuth(acme)`: never a credential. */
  toString(): string {
    return `${this.constructor.name}(${this.instance})`;
  }

  /** `{ kind, instance, baseUrl }`: never a credential. */
  toJSON(): Record<string, unknown> {
    return { kind: this.kind, instance: this.instance, baseUrl: this.baseUrl };
  }

  /** `DomoTokenAuth { instance: 'acme' }`: never a credential. */
  [inspect.custom](_depth: number, options: { stylize: (text: string, style: string) => string }): string {
    return `${this.constructor.name} { instance: ${options.stylize(`'${this.instance}'`, 'string')} }`;
  }
}

/** Only the transport settings of an options object, so credentials are never copied along. */
function pickTransportOptions(options: TransportOptions): TransportOptions {
  const { baseUrl, timeoutMs, retry, logger, logLevel, logBodies, fetch, maxResponseBytes } = options;
  return Object.fromEntries(
    Object.entries({ baseUrl, timeoutMs, retry, logger, logLevel, logBodies, fetch, maxResponseBytes }).filter(
      ([, value]) => value !== undefined,
    ),
  );
}

/** Domo answers 403 on `users/me` and on login when the instance refuses the caller. */
export function forbiddenMeansBadInstance(error: unknown, instance: string): unknown {
  if (!isDomoError(error) || (error as { status?: number }).status !== 403) return error;
  return new DomoInstanceError(
    `instance "${instance}" refused the request (403): it does not exist or blocks this caller`,
    { ...error, status: 403 },
  );
}
