import type { Logger, LogLevel } from './logger.js';

/** HTTP methods the Domo instance APIs use. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** How failed attempts are repeated. Only GET, PUT and DELETE are ever retried; POST and PATCH never are. */
export interface RetryPolicy {
  /** Retries after the first attempt. @default 2 */
  limit?: number;
  /** Statuses worth another attempt. @default [408, 429, 500, 502, 503, 504] */
  statusCodes?: number[];
  /** First backoff delay; it doubles each retry and is randomised by ±50 % (jitter). @default 300 */
  backoffMs?: number;
  /** Upper bound of one backoff delay. @default 10_000 */
  backoffLimitMs?: number;
  /** Upper bound honoured for a server's `Retry-After`. @default 60_000 */
  maxRetryAfterMs?: number;
  /** Retry an attempt that timed out. @default true */
  retryOnTimeout?: boolean;
}

/** Options of the transport behind an auth; every auth constructor accepts them. */
export interface TransportOptions {
  /** Where the instance lives. @default `https://{instance}.domo.com` */
  baseUrl?: string;
  /** Time allowed for one attempt, in ms: the request and its whole response body. 1 to 3 600 000. @default 30_000 */
  timeoutMs?: number;
  /** Largest response body read, in bytes; a larger one fails with `DomoResponseTooLargeError`. @default 64 MiB */
  maxResponseBytes?: number;
  /** Retry policy, or a number of retries (`0` switches retries off). @default 2 retries */
  retry?: RetryPolicy | number;
  /** Receives log lines once `logLevel` (or env `DOMO_LOG`) is above `off`. @default standard error */
  logger?: Logger;
  /** @default env `DOMO_LOG`, else `'off'` */
  logLevel?: LogLevel;
  /** Log request and response bodies (scrubbed of known secrets) at `debug`. @default false */
  logBodies?: boolean;
  /** A fetch implementation, e.g. one with a proxy dispatcher. @default global fetch */
  fetch?: typeof fetch;
}

/** Per-call options accepted as the last argument of every route. */
export interface RequestOptions {
  /** Overrides the auth's per-attempt timeout for this call (request and whole response body), in ms. */
  timeoutMs?: number;
  /** Overrides the auth's retry policy for this call (a route may still forbid retries). */
  retry?: RetryPolicy | number;
  /** Aborts the call, including a login it waits for; an already-aborted signal sends nothing (`DomoAbortError`). */
  signal?: AbortSignal;
  /**
   * Told as each attempt is sent (a retry too), with its method and path: what a call costs, counted or traced
   * (the audit counts its content reads with it). Never told headers or bodies.
   */
  onRequest?: (request: { method: string; path: string }) => void;
}

/** What every route returns: the HTTP status and the validated body. */
export interface DomoResponse<T> {
  status: number;
  data: T;
}

/** Time allowed for one attempt (request and whole response body) unless told otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/** Largest response body read unless told otherwise: 64 MiB. */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** The retry policy unless told otherwise. */
export const DEFAULT_RETRY: Required<RetryPolicy> = {
  limit: 2,
  statusCodes: [408, 429, 500, 502, 503, 504],
  backoffMs: 300,
  backoffLimitMs: 10_000,
  maxRetryAfterMs: 60_000,
  retryOnTimeout: true,
};

/** Merges a policy (or a bare retry count) over a base policy. */
export function resolveRetry(
  base: Required<RetryPolicy>,
  override: RetryPolicy | number | undefined,
): Required<RetryPolicy> {
  if (override === undefined) return base;
  if (typeof override === 'number') return { ...base, limit: override };
  return { ...base, ...definedOnly(override) };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
