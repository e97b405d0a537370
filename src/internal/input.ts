import { parseId } from './refs.js';
import { z } from 'zod';
import { DomoInputError } from '../client/errors.js';
import { LOG_LEVELS } from '../client/logger.js';

/** A short, secret-free description of a bad value for an error message. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'string')
    return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  return typeof value;
}

/** The most characters of one bad value an error repeats. */
export const MAX_ECHO = 80;

/**
 * A value as an error may repeat it: as it is when short, else its start and its length, so that an error (and every
 * log or terminal it reaches) stays small whatever it was given.
 */
export function clip(text: string, max = MAX_ECHO): string {
  return text.length <= max ? text : `${text.slice(0, max - 20)}… (${text.length} characters)`;
}

/** Checks a Domo object id: a positive safe integer (a string of digits is accepted and converted). */
export function checkId(value: unknown, field = 'id', route?: string): number {
  const id = parseId(value);
  if (id === undefined) {
    throw new DomoInputError(`${field} must be a positive integer, got ${describe(value)}`, { field, route });
  }
  return id;
}

/** Checks that an argument is a plain object (not null, an array or a primitive); `shape` says what it should hold. */
export function checkObject<T>(value: T, field: string, route: string, shape: string): asserts value is T & object {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomoInputError(`${route} needs ${shape}, got ${describe(value)}`, { field, route });
  }
}

/** Checks a list of ids: a non-empty array of positive integers, duplicates removed (order kept). */
export function checkIds(value: unknown, field: string, route?: string): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DomoInputError(`${field} must be a non-empty array of positive integers, got ${describe(value)}`, {
      field,
      route,
    });
  }
  return [...new Set(value.map((item: unknown, index) => checkId(item, `${field}[${index}]`, route)))];
}

/** Checks a display name: a string, trimmed, 1–255 characters. Returns it trimmed. */
export function checkName(value: unknown, field = 'name', route?: string): string {
  if (typeof value !== 'string')
    throw new DomoInputError(`${field} must be a string, got ${describe(value)}`, { field, route });
  const trimmed = value.trim();
  if (trimmed === '') throw new DomoInputError(`${field} must not be empty`, { field, route });
  if (trimmed.length > 255)
    throw new DomoInputError(`${field} must be at most 255 characters, got ${trimmed.length}`, { field, route });
  return trimmed;
}

/** Checks a free-text field that may be empty (a description). */
export function checkText(value: unknown, field: string, route?: string, max = 1000): string {
  if (typeof value !== 'string')
    throw new DomoInputError(`${field} must be a string, got ${describe(value)}`, { field, route });
  if (value.length > max)
    throw new DomoInputError(`${field} must be at most ${max} characters, got ${value.length}`, { field, route });
  return value;
}

/** The longest timeout accepted: one hour. A longer wait is a mistake, not a setting. */
export const MAX_TIMEOUT_MS = 3_600_000;
/** The most retries accepted. */
export const MAX_RETRIES = 10;
/** The largest response-size cap accepted: 1 GiB. */
export const MAX_RESPONSE_BYTES_LIMIT = 1024 ** 3;

/** A number for which `ok` holds; anything else (NaN, Infinity, a string) fails with `message`. */
const numberWhere = (ok: (n: number) => boolean, message: string) =>
  z.custom<number>((value) => typeof value === 'number' && ok(value), { message });
const milliseconds = (max: number) =>
  numberWhere((n) => Number.isFinite(n) && n >= 0 && n <= max, `a number of milliseconds from 0 to ${max}`);
/** A per-attempt timeout: finite, from 1 ms to an hour. */
const isTimeoutMs = (n: number) => Number.isFinite(n) && n >= 1 && n <= MAX_TIMEOUT_MS;
const timeoutMs = numberWhere(isTimeoutMs, `a finite number of milliseconds from 1 to ${MAX_TIMEOUT_MS}`);
const retryLimit = numberWhere(
  (n) => Number.isInteger(n) && n >= 0 && n <= MAX_RETRIES,
  `a whole number of retries from 0 to ${MAX_RETRIES}`,
);
const retryPolicy = z.strictObject(
  {
    limit: retryLimit.optional(),
    statusCodes: z.array(z.number().int().min(100).max(599)).optional(),
    backoffMs: milliseconds(60_000).optional(),
    backoffLimitMs: milliseconds(600_000).optional(),
    maxRetryAfterMs: milliseconds(MAX_TIMEOUT_MS).optional(),
    retryOnTimeout: z.boolean().optional(),
  },
  { error: `a number of retries from 0 to ${MAX_RETRIES}, or a retry policy object` },
);
/** A retry count or a policy: checked by the one that fits, so the message names the field that is wrong. */
const retry = z.unknown().superRefine((value, ctx) => {
  const result = (typeof value === 'number' ? retryLimit : retryPolicy).safeParse(value);
  for (const issue of result.error?.issues ?? [])
    ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
});
const signal = z.custom<AbortSignal>((value) => value instanceof AbortSignal, { message: 'an AbortSignal' });
const logger = z.custom(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    ['error', 'warn', 'info', 'debug'].every(
      (level) => typeof (value as Record<string, unknown>)[level] === 'function',
    ),
  { message: 'an object with error, warn, info and debug functions' },
);

/** What a transport (an auth's constructor) accepts; the credentials are checked by each strategy. */
const TransportOptionsSchema = z.looseObject({
  timeoutMs: timeoutMs.optional(),
  retry: retry.optional(),
  logger: logger.optional(),
  logLevel: z.enum(LOG_LEVELS).optional(),
  logBodies: z.boolean().optional(),
  fetch: z.custom((value) => typeof value === 'function', { message: 'a fetch function' }).optional(),
  maxResponseBytes: numberWhere(
    (n) => Number.isInteger(n) && n >= 1 && n <= MAX_RESPONSE_BYTES_LIMIT,
    `a whole number of bytes from 1 to ${MAX_RESPONSE_BYTES_LIMIT}`,
  ).optional(),
});

/** What every call accepts as its last argument. */
const RequestOptionsSchema = z.looseObject({
  timeoutMs: timeoutMs.optional(),
  retry: retry.optional(),
  signal: signal.optional(),
  onRequest: z
    .custom<(request: { method: string; path: string }) => void>((v) => typeof v === 'function', {
      message: 'onRequest must be a function',
    })
    .optional(),
});

/** Checks transport options (timeouts, retries, logging, size cap) before anything is built. @throws {DomoInputError} */
export function checkTransportOptions<T extends object>(options: T): T {
  return checkWith(TransportOptionsSchema, options, 'options');
}

/** Checks per-call options (`timeoutMs`, `retry`, `signal`) before anything is sent. @throws {DomoInputError} */
export function checkRequestOptions<T extends object | undefined>(options: T, route?: string): T {
  if (options === undefined || isCommonAndValid(options)) return options; // on every request, so without zod
  return checkWith(RequestOptionsSchema, options, 'options', route);
}

/**
 * The common case, decided without zod: an object that sets no retry policy, and whose timeout and signal, if
 * set, are valid. Anything else (a retry policy, a bad value) goes through the schema, for its exact message.
 */
function isCommonAndValid(value: object): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { timeoutMs, signal, retry, onRequest } = value as {
    timeoutMs?: unknown;
    signal?: unknown;
    retry?: unknown;
    onRequest?: unknown;
  };
  return (
    retry === undefined &&
    (onRequest === undefined || typeof onRequest === 'function') &&
    (timeoutMs === undefined || (typeof timeoutMs === 'number' && isTimeoutMs(timeoutMs))) &&
    (signal === undefined || signal instanceof AbortSignal)
  );
}

/** Checks a concurrency limit: a whole number from 1 to 256. @throws {DomoInputError} */
export function checkConcurrency(value: unknown, route?: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 256) {
    throw new DomoInputError(`concurrency must be a whole number from 1 to 256, got ${describe(value)}`, {
      field: 'concurrency',
      route,
    });
  }
  return value;
}

function checkWith<T>(schema: z.ZodType, value: T, what: string, route?: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DomoInputError(`${what} must be an object, got ${describe(value)}`, { field: what, route });
  }
  const result = schema.safeParse(value);
  if (result.success) return value;
  const issue = result.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const given = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown> | undefined)?.[key], value);
  throw new DomoInputError(
    `${field || what} must be ${issue.message.replace(/^Invalid input: expected /, '')}, got ${describe(given)}`,
    { field, route },
  );
}

/** A UUID, as Domo names datasets, workflows, Code Engine packages, workspaces, filesets and AppDB collections. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks an id that is a UUID; returns it trimmed and lower-case. `what` names the object in the error. */
export function checkUuid(value: unknown, what: string, field = 'id', route?: string): string {
  if (typeof value === 'string' && UUID.test(value.trim())) return value.trim().toLowerCase();
  throw new DomoInputError(`${field} must be ${what} id (a UUID), got ${describe(value)}`, { field, route });
}

/** A UUID from a reference (trimmed, lower-case), else `undefined`: how families with UUID ids tell an id from a name. */
export function parseUuid(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value.trim()) ? value.trim().toLowerCase() : undefined;
}
