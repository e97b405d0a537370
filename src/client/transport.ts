import type { HTTPError, KyInstance, Options as KyOptions, RetryOptions } from 'ky';
import type { z } from 'zod';
import { VERSION } from '../version.js';
import {
  BodyTooLarge,
  boundedFetch,
  CALL_KEY,
  ResponseInterrupted,
  systemCode,
  type AttemptObserver,
  type CallAttempts,
} from './attempt.js';
import {
  DomoAbortError,
  DomoConnectionError,
  DomoError,
  DomoResponseTooLargeError,
  DomoTimeoutError,
  isDomoError,
  pathOf,
  type RequestContext,
} from './errors.js';
import { checkRequestOptions } from '../internal/input.js';
import {
  levelledLogger,
  logLevelFromEnv,
  logs,
  maskHeaders,
  redactJsonText,
  stderrLogger,
  type Logger,
  type LogLevel,
} from './logger.js';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  resolveRetry,
  type DomoResponse,
  type HttpMethod,
  type RequestOptions,
  type RetryPolicy,
  type TransportOptions,
} from './options.js';
import { errorForResponse, MAX_ERROR_BODY, parseSuccessBody, readBody, assertNotBlocked } from './response.js';
import { scrubSecrets, type Secret } from './secret.js';

/** What the transport needs from an auth strategy. Implemented by `DomoAuth`. */
export interface AuthProvider {
  /** Headers that authenticate a request; may log in first, within the call's signal and timeout. */
  authHeaders(options?: RequestOptions): Promise<Record<string, string>>;
  /** Called once after a 401 with the headers that were refused; resolves true when new credentials are ready. */
  renewAfterUnauthorized(refused: Record<string, string>, options?: RequestOptions): Promise<boolean>;
  /** Every secret the auth holds, so they can be scrubbed from errors and logs. */
  secrets(): Iterable<Secret>;
}

/** One request as a route describes it. */
export interface RequestSpec<T> {
  /** Name of the route function, carried on errors. */
  route: string;
  method: HttpMethod;
  /** Path built with the `path` tag, starting with `/`. */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** A JSON body. */
  json?: unknown;
  /** A `text/plain` body (Domo's rename endpoints). */
  text?: string;
  /** Validates the success body. Without one the body is returned as parsed. */
  schema?: z.ZodType<T>;
  /** A cap on retries for this route; `0` for calls that must never repeat. */
  maxRetries?: number;
  /** Repeating it is harmless (a PATCH that replaces state, a search sent as POST): retried like a PUT. */
  idempotent?: boolean;
  /** It changes nothing though it is not a GET (a search sent as POST): `--dry-run` lets it through. */
  readOnly?: boolean;
  /** Sends no credentials (the login endpoint). */
  anonymous?: boolean;
  /** Words for a 404 (a `DomoNotFoundError`), e.g. `account 71 not found or not shared with you`. */
  notFoundHint?: string;
  /** Domo answers 403 for objects the caller cannot see: report a 403 as not found too (reads of accounts and templates). */
  forbiddenMeansNotFound?: boolean;
  /** More values to scrub from errors and logs (a config's secrets, a password in the body). */
  secrets?: Iterable<Secret | string>;
  /** The success body holds a credential (a login's session token): never log it. */
  sensitiveResponse?: boolean;
}

const RETRIABLE_METHODS = ['get', 'put', 'delete'] as const;

/**
 * ky, loaded with the first request rather than with `import 'domo-admin'`: ky starts Node's fetch machinery as it
 * loads, which a script that never sends a request (`--help`, a config check) need not pay for.
 */
let kyModule: typeof import('ky') | undefined;

async function loadKy(): Promise<typeof import('ky')> {
  kyModule ??= await import('ky');
  return kyModule;
}

function isHttpError(error: unknown): error is HTTPError {
  return kyModule !== undefined && error instanceof kyModule.HTTPError;
}

function isTimeoutError(error: unknown): boolean {
  return kyModule !== undefined && error instanceof kyModule.TimeoutError;
}

/** One call: what its attempts count and log. */
interface Call extends CallAttempts {
  spec: RequestSpec<unknown>;
  /** The caller's observer of each attempt sent. */
  onRequest?: RequestOptions['onRequest'];
  /** When the call started (its first attempt, or a login it waited for). */
  calledAt: number;
}

/**
 * The HTTP layer behind one auth: one ky instance, created once with the options every call shares (the fetch,
 * no redirects, the timeout), and per call only what changes (method, headers, body, retry options cached per
 * route kind). It gives base URL, user agent, per-attempt timeout, retries with jitter and `Retry-After`,
 * logging with masked headers, and the mapping of every failure to a `DomoError`. No ky hooks: ky would merge
 * them on every call; attempts are counted and logged by the bounded fetch it calls.
 */
export class DomoTransport {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Largest response body read; a larger one is a `DomoResponseTooLargeError`. */
  readonly maxResponseBytes: number;
  readonly retry: Required<RetryPolicy>;
  readonly #auth: AuthProvider;
  #ky: KyInstance | undefined;
  readonly #fetch: typeof fetch;
  readonly #log: Logger;
  readonly #logLevel: LogLevel;
  readonly #logBodies: boolean;
  readonly #retryCache = new Map<string, RetryOptions>();
  readonly #fixedHeaders: Record<string, string> = {
    'user-agent': `domo-admin/${VERSION}`,
    accept: 'application/json, text/plain',
  };

  constructor(auth: AuthProvider, baseUrl: string, options: TransportOptions = {}) {
    this.#auth = auth;
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.retry = resolveRetry(DEFAULT_RETRY, options.retry);
    this.#logLevel = options.logLevel ?? logLevelFromEnv();
    this.#log = levelledLogger(options.logger ?? stderrLogger, this.#logLevel, (text) => this.#scrub(text));
    this.#logBodies = options.logBodies ?? false;
    // Looked up on every call, so that a fetch patched later (msw in tests) is the one used.
    this.#fetch = boundedFetch(
      (input, init) => (options.fetch ?? globalThis.fetch)(input, init),
      this.#observer(),
    ) as typeof fetch;
  }

  /** The one ky instance, with the options every call shares; created with the first request. */
  async #client(): Promise<KyInstance> {
    this.#ky ??= (await loadKy()).default.create({ redirect: 'manual', timeout: this.timeoutMs, fetch: this.#fetch });
    return this.#ky;
  }

  /** Sends one request and returns its validated body; every failure is a `DomoError`. */
  async request<T>(spec: RequestSpec<T>, options: RequestOptions = {}): Promise<DomoResponse<T>> {
    checkRequestOptions(options, spec.route);
    const now = performance.now();
    const call: Call = {
      spec,
      ...(options.onRequest ? { onRequest: options.onRequest } : {}),
      maxBytes: this.maxResponseBytes,
      attempts: 0,
      startedAt: now,
      calledAt: now,
      readOnly: spec.readOnly === true,
    };
    const url = this.#url(spec);
    if (options.signal?.aborted)
      throw new DomoAbortError(`${spec.method} ${pathOf(url)} was aborted before it was sent`, context(call, url));
    try {
      const response = await this.#send(spec, url, options, call);
      const body = await readBody(response);
      if (this.#logBodies) this.#logResponseBody(spec, body.text);
      const where = context(call, url);
      assertNotBlocked(response, body, where);
      const scrub = (text: string) => this.#scrub(text, spec.secrets);
      return {
        status: response.status,
        data: parseSuccessBody(body, spec.schema, { ...where, status: response.status }, scrub),
      };
    } catch (error) {
      const mapped = await this.#toDomoError(error, spec, context(call, url), options);
      this.#log.info(
        `${spec.method} ${pathOf(url)} ✗ ${mapped.name} after ${call.attempts} attempt(s) in ${msSince(call.calledAt)} ms`,
      );
      throw mapped;
    }
  }

  /** Sends the request, renewing credentials once after a 401. */
  async #send(spec: RequestSpec<unknown>, url: string, options: RequestOptions, call: Call): Promise<Response> {
    const headers = spec.anonymous ? {} : await this.#auth.authHeaders(options);
    try {
      return await (this.#ky ?? (await this.#client()))(url, this.#kyOptions(spec, headers, options, call));
    } catch (error) {
      const unauthorized = isHttpError(error) && error.response.status === 401 && !spec.anonymous;
      if (!unauthorized || !(await this.#auth.renewAfterUnauthorized(headers, options))) throw error;
      this.#log.info(`${spec.method} ${pathOf(url)} → 401; credentials renewed, sending once more`);
      return (await this.#client())(url, this.#kyOptions(spec, await this.#auth.authHeaders(options), options, call));
    }
  }

  /** What changes per call; the rest was given to ky once. */
  #kyOptions(
    spec: RequestSpec<unknown>,
    authHeaders: Record<string, string>,
    options: RequestOptions,
    call: Call,
  ): KyOptions {
    const kyOptions: Record<string, unknown> = {
      method: spec.method,
      headers: this.#headers(spec, authHeaders),
      retry: this.#retryOptions(spec, options),
      [CALL_KEY]: call,
    };
    const body = spec.text ?? (spec.json === undefined ? undefined : JSON.stringify(spec.json));
    if (body !== undefined) kyOptions.body = body;
    // Per attempt, and it covers the body: ky races the bounded fetch, which reads the whole body before resolving.
    if (options.timeoutMs !== undefined) kyOptions.timeout = options.timeoutMs;
    if (options.signal) kyOptions.signal = options.signal;
    return kyOptions;
  }

  #headers(spec: RequestSpec<unknown>, authHeaders: Record<string, string>): Record<string, string> {
    const headers = { ...this.#fixedHeaders, ...authHeaders };
    if (spec.text !== undefined) headers['content-type'] = 'text/plain';
    else if (spec.json !== undefined) headers['content-type'] = 'application/json';
    return headers;
  }

  /** ky's retry options; built once per (cap, method set) unless a call overrides the policy. */
  #retryOptions(spec: RequestSpec<unknown>, options: RequestOptions): RetryOptions {
    const key = `${spec.maxRetries ?? ''}|${spec.idempotent ? 1 : 0}`;
    const cached = options.retry === undefined ? this.#retryCache.get(key) : undefined;
    if (cached) return cached;
    const retry = resolveRetry(this.retry, options.retry);
    const built: RetryOptions = {
      limit: Math.min(retry.limit, spec.maxRetries ?? Number.POSITIVE_INFINITY),
      methods: spec.idempotent ? [...RETRIABLE_METHODS, 'patch', 'post'] : [...RETRIABLE_METHODS],
      statusCodes: retry.statusCodes,
      afterStatusCodes: [413, 429, 503],
      maxRetryAfter: retry.maxRetryAfterMs,
      backoffLimit: retry.backoffLimitMs,
      delay: (attempt) => retry.backoffMs * 2 ** (attempt - 1),
      jitter: (delay) => delay * (0.5 + Math.random()),
      retryOnTimeout: retry.retryOnTimeout,
      shouldRetry: ({ error }) =>
        isDomoError(error) || error.name === 'AbortError' || error instanceof BodyTooLarge || isPermanent(error)
          ? false
          : undefined,
    };
    if (options.retry === undefined) this.#retryCache.set(key, built);
    return built;
  }

  /** The per-attempt log lines: a retry and its reason, headers at debug, the request body once, each response. */
  #observer(): AttemptObserver<Call> {
    return {
      started: (request, call) => {
        call.onRequest?.({ method: request.method, path: pathOf(request.url) });
        if (!logs(this.#logLevel, 'info')) return;
        if (call.attempts > 1)
          this.#log.info(
            `${request.method} ${pathOf(request.url)} attempt ${call.attempts - 1} failed (${call.lastFailure ?? 'unknown'}); retrying`,
          );
        if (logs(this.#logLevel, 'debug'))
          this.#log.debug(`${request.method} ${pathOf(request.url)} headers: ${maskHeaders(request.headers)}`);
        if (call.attempts === 1 && this.#logBodies) {
          const { spec } = call;
          this.#logBody('request', spec.text ?? (spec.json === undefined ? '' : JSON.stringify(spec.json)), spec);
        }
      },
      responded: (request, response, call) => {
        if (logs(this.#logLevel, 'info'))
          this.#log.info(
            `${request.method} ${pathOf(request.url)} → ${response.status} in ${msSince(call.startedAt)} ms, attempt ${call.attempts}`,
          );
      },
    };
  }

  #logResponseBody(spec: RequestSpec<unknown>, text: string): void {
    this.#logBody('response', spec.sensitiveResponse ? '[REDACTED: holds a credential]' : text, spec);
  }

  #logBody(kind: string, text: string, spec: RequestSpec<unknown>): void {
    if (this.#logBodies && text !== '' && logs(this.#logLevel, 'debug'))
      this.#log.debug(`${kind} body: ${this.#scrub(redactJsonText(text).slice(0, MAX_ERROR_BODY), spec.secrets)}`);
  }

  /** The URL: the path as the `path` tag encoded it, and the query's defined values. */
  #url(spec: RequestSpec<unknown>): string {
    const url = this.baseUrl + spec.path;
    if (!spec.query) return url;
    const query = new URLSearchParams();
    for (const key in spec.query) {
      const value = spec.query[key];
      if (value !== undefined) query.set(key, String(value));
    }
    const text = query.toString();
    return text === '' ? url : `${url}?${text}`;
  }

  async #toDomoError(
    error: unknown,
    spec: RequestSpec<unknown>,
    context: RequestContext,
    options: RequestOptions,
  ): Promise<DomoError> {
    if (isDomoError(error)) return error;
    const scrub = (text: string) => this.#scrub(text, spec.secrets);
    const where = `${spec.method} ${pathOf(context.url)}`;
    if (isHttpError(error)) {
      const body = await readBody(error.response).catch(() => ({ text: '', contentType: '' }));
      const mapped = errorForResponse(
        error.response,
        body,
        { ...context, notFoundHint: spec.notFoundHint, forbiddenMeansNotFound: spec.forbiddenMeansNotFound },
        scrub,
      );
      return isDomoError(mapped) ? mapped : new DomoError(scrub(String(mapped)), context);
    }
    const write = spec.method !== 'GET';
    const checkFirst = '; it may have been applied: check the state before sending it again';
    if (isTimeoutError(error)) {
      const timeoutMs = options.timeoutMs ?? this.timeoutMs;
      return new DomoTimeoutError(
        `${where} timed out after ${timeoutMs} ms (attempt ${context.attempts ?? 1}, response body included)${write ? checkFirst : ''}`,
        { ...context, timeoutMs, mayHaveBeenApplied: write },
        { cause: bareError(error) },
      );
    }
    if (error instanceof BodyTooLarge) {
      return new DomoResponseTooLargeError(`${where}: ${error.message} (maxResponseBytes); nothing was kept`, {
        ...context,
        limitBytes: error.limitBytes,
      });
    }
    if (isAbort(error, options.signal)) {
      return new DomoAbortError(
        `${where} was aborted${write ? checkFirst : ''}`,
        { ...context, mayHaveBeenApplied: write },
        { cause: options.signal?.reason ?? bareError(error) },
      );
    }
    const failure = connectionFailure(error, context.url);
    const mayHaveBeenApplied = write && failure.maybeSent;
    return new DomoConnectionError(
      `${where} failed after ${context.attempts ?? 0} attempt(s): ${scrub(failure.cause)}${mayHaveBeenApplied ? checkFirst : ''}`,
      { ...context, code: failure.code, mayHaveBeenApplied },
      { cause: error },
    );
  }

  #scrub(text: string, extra: Iterable<Secret | string> = []): string {
    return scrubSecrets(text, [...this.#auth.secrets(), ...extra]);
  }
}

/**
 * An error's name and message only, as a `cause`: ky's errors hold the request, whose headers carry the credential,
 * and a cause is shown by `util.inspect`.
 */
function bareError(error: unknown): Error {
  const bare = new Error(error instanceof Error ? error.message : String(error));
  bare.name = error instanceof Error ? error.name : 'Error';
  return bare;
}

function isAbort(error: unknown, signal: AbortSignal | undefined): boolean {
  return (
    Boolean(signal?.aborted) && error instanceof Error && (error.name === 'AbortError' || error === signal?.reason)
  );
}

/** Failures a retry cannot fix: the name does not resolve, the certificate is bad, the URL is malformed. */
const PERMANENT =
  /^(ENOTFOUND|EAI_NONAME|ERR_INVALID_URL|ERR_TLS_CERT_.*|CERT_.*|UNABLE_TO_.*|SELF_SIGNED_CERT.*|DEPTH_ZERO_SELF_SIGNED_CERT|HOSTNAME_MISMATCH)$/;

/** True for a connection failure no retry can fix (a DNS name that does not exist, a bad certificate). */
function isPermanent(error: unknown): boolean {
  const code = systemCode(error);
  return code !== undefined && PERMANENT.test(code);
}

/** Codes of failures that happen before a request leaves: it certainly was not applied. */
const NOT_SENT =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EAI_NONAME|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|UND_ERR_CONNECT_TIMEOUT|ERR_TLS_.*|ERR_SSL_.*|CERT_.*|UNABLE_TO_.*|SELF_SIGNED_CERT.*|DEPTH_ZERO_SELF_SIGNED_CERT|HOSTNAME_MISMATCH|ERR_INVALID_URL)$/;

/** What a connection failure was, in words a person can act on, and whether the request may have gone out. */
export function connectionFailure(
  error: unknown,
  url: string | undefined,
): { cause: string; code: string | undefined; maybeSent: boolean } {
  const interrupted = error instanceof ResponseInterrupted;
  const code = systemCode(error);
  const host = hostOf(url);
  let cause: string;
  if (code === 'ECONNREFUSED')
    cause = `connection refused by ${host}: is the server running, and is the base URL right?`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME')
    cause = `DNS lookup failed for ${host} (${code}): check the instance name`;
  else if (code && /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|SELF_SIGNED|DEPTH_ZERO|HOSTNAME_MISMATCH)/.test(code))
    cause = `TLS failure talking to ${host} (${code}): its certificate could not be verified`;
  else if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || interrupted)
    cause = `the connection to ${host} was reset${interrupted ? ' while the response was being read' : ''}${code ? ` (${code})` : ''}`;
  else if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    cause = `could not connect to ${host} in time (${code})`;
  else cause = `could not reach ${host} (${code ?? describe(error)})`;
  return { cause, code, maybeSent: interrupted || !code || !NOT_SENT.test(code) };
}

function hostOf(url: string | undefined): string {
  try {
    return new URL(url ?? '').host;
  } catch {
    return 'the server';
  }
}

function describe(error: unknown): string {
  if (isHttpError(error)) return `HTTP ${error.response.status}`;
  if (isTimeoutError(error)) return 'timeout';
  const code = systemCode(error);
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** Whole milliseconds since `start` (a `performance.now()` reading). */
function msSince(start: number): number {
  return Math.round(performance.now() - start);
}

/** What an error says about the call: built only when there is an error to describe. */
function context(call: Call, url: string): RequestContext {
  return { method: call.spec.method, url, route: call.spec.route, attempts: call.attempts };
}
