import type { z } from 'zod';
import { bufferedText } from './attempt.js';
import {
  apiErrorClassFor,
  DomoAuthError,
  DomoInstanceError,
  DomoNotFoundError,
  DomoRateLimitError,
  DomoValidationError,
  type RequestContext,
  type ValidationIssue,
} from './errors.js';

/** Longest body kept on an error. */
export const MAX_ERROR_BODY = 2_000;

const BLOCK_PAGE = /<title>\s*Domo - Blocked\s*<\/title>|Domo - Blocked/i;
const ALLOWLIST_BLOCK = /whitelist\/blocked|allowlist\/blocked/i;

/** A response body read once: its text, and its JSON value when the content type says JSON. */
export interface ReadBody {
  text: string;
  contentType: string;
  json?: unknown;
  jsonError?: string;
}

export async function readBody(response: Response): Promise<ReadBody> {
  const text = bufferedText(response) ?? (await response.text());
  const contentType = response.headers.get('content-type') ?? '';
  if (!/json/i.test(contentType) || text.trim() === '') return { text, contentType };
  try {
    return { text, contentType, json: JSON.parse(text) as unknown };
  } catch (error) {
    return { text, contentType, jsonError: (error as Error).message };
  }
}

/** Throws {@link DomoInstanceError} when a body or redirect is one of Domo's block pages. */
export function assertNotBlocked(response: Response, body: ReadBody, context: RequestContext): void {
  const location = response.headers.get('location') ?? '';
  if (
    ALLOWLIST_BLOCK.test(location) ||
    (response.status >= 300 && response.status < 400 && ALLOWLIST_BLOCK.test(body.text))
  ) {
    throw new DomoInstanceError('blocked by the instance IP allowlist (redirected to whitelist/blocked)', {
      ...context,
      status: response.status,
    });
  }
  if (/html/i.test(body.contentType) && BLOCK_PAGE.test(body.text)) {
    throw new DomoInstanceError('blocked by the instance network policy ("Domo - Blocked" page; VPN required?)', {
      ...context,
      status: response.status,
    });
  }
}

/** The error for a non-2xx response, chosen by status; `notFoundHint` words a 404 (and a 403 when `forbiddenMeansNotFound`). */
export function errorForResponse(
  response: Response,
  body: ReadBody,
  context: RequestContext & { notFoundHint?: string; forbiddenMeansNotFound?: boolean },
  scrub: (text: string) => string,
): Error {
  assertNotBlocked(response, body, context);
  const details = {
    ...context,
    status: response.status,
    statusText: response.statusText ? scrub(response.statusText) : undefined,
    serverMessage: serverMessageOf(body, scrub),
    body: body.text ? scrub(body.text.slice(0, MAX_ERROR_BODY)) : undefined,
    requestId: requestIdOf(body, scrub),
  };
  if (response.status >= 300 && response.status < 400) {
    return new (apiErrorClassFor(response.status))({
      ...details,
      hint: `unexpected redirect to ${scrub(response.headers.get('location') ?? 'nowhere')}`,
    });
  }
  if (
    context.notFoundHint &&
    (response.status === 404 || (response.status === 403 && context.forbiddenMeansNotFound))
  ) {
    return new DomoNotFoundError({ ...details, hint: context.notFoundHint });
  }
  if (response.status === 429) return new DomoRateLimitError({ ...details, retryAfterMs: retryAfterMs(response) });
  if (response.status === 401) return new DomoAuthError({ ...details, hint: 'invalid or expired credentials' });
  return new (apiErrorClassFor(response.status))(details);
}

/** Domo's trace id from an error body (`toe`), when it is a short token: never a whole body. */
function requestIdOf(body: ReadBody, scrub: (text: string) => string): string | undefined {
  const toe = (body.json as { toe?: unknown } | undefined)?.toe;
  if (typeof toe !== 'string' && typeof toe !== 'number') return undefined;
  const id = String(toe).trim();
  return /^[\w.:-]{1,128}$/.test(id) ? scrub(id) : undefined;
}

/** The message a Domo error body carries (`message`, else `statusReason`), or a short text body. */
function serverMessageOf(body: ReadBody, scrub: (text: string) => string): string | undefined {
  const json = body.json as { message?: unknown; statusReason?: unknown; error?: unknown } | undefined;
  const fromJson = [json?.message, json?.statusReason, json?.error].find(
    (v) => typeof v === 'string' && v.trim() !== '',
  );
  if (typeof fromJson === 'string') return scrub(fromJson.slice(0, 500));
  const text = body.text.trim();
  if (text === '' || /html/i.test(body.contentType) || text.startsWith('<')) return undefined;
  return scrub(text.slice(0, 200));
}

/** `Retry-After` in ms (seconds or an HTTP date), if the response has one. */
export function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** Validates a successful body against its schema; mismatches become {@link DomoValidationError}. */
export function parseSuccessBody<T>(
  body: ReadBody,
  schema: z.ZodType<T> | undefined,
  context: RequestContext & { status: number },
  scrub: (text: string) => string,
): T {
  if (body.jsonError !== undefined) {
    throw new DomoValidationError(
      `${context.route ?? 'request'}: the response was not valid JSON (${body.jsonError}): ${snippet(body.text, scrub)}`,
      context,
    );
  }
  const value = body.json !== undefined ? body.json : body.text;
  if (!schema) return value as T;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
  throw new DomoValidationError(validationMessage(context.route, body, issues, scrub), { ...context, issues });
}

function validationMessage(
  route: string | undefined,
  body: ReadBody,
  issues: ValidationIssue[],
  scrub: (text: string) => string,
): string {
  const prefix = `${route ?? 'request'}: the response did not match the expected shape`;
  if (body.json === undefined) {
    return `${prefix}: expected JSON, got ${body.contentType || 'no content type'}: ${snippet(body.text, scrub)}`;
  }
  const listed = issues
    .slice(0, 5)
    .map((issue) => `${issue.path || '(body)'}: ${issue.message}`)
    .join('; ');
  return `${prefix}: ${listed}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`;
}

function snippet(text: string, scrub: (text: string) => string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat === '' ? '(empty body)' : JSON.stringify(scrub(flat.slice(0, 120)));
}

/** `[0].users[3].roleId` style path for a zod issue. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : index === 0 ? String(key) : `.${String(key)}`))
    .join('');
}
