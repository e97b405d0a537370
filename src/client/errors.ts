/**
 * Every failure domo-admin reports is a {@link DomoError}. The classes are chosen by what a caller can do
 * about the failure: fix credentials, share the object, slow down, retry later, or fix the input.
 */

/** Where a failed request went; every field is free of secrets. */
export interface RequestContext {
  method?: string;
  /** Full URL including the query, never containing credentials. */
  url?: string;
  /** Name of the route function that made the request, e.g. `getAccountById`. */
  route?: string;
  /** How many attempts were made, counting retries. */
  attempts?: number;
}

/** The root of every error domo-admin throws. */
export class DomoError extends Error {
  override name = 'DomoError';
  readonly method: string | undefined;
  readonly url: string | undefined;
  readonly route: string | undefined;
  readonly attempts: number | undefined;

  constructor(message: string, context: RequestContext = {}) {
    super(message);
    this.method = context.method;
    this.url = context.url;
    this.route = context.route;
    this.attempts = context.attempts;
  }

  /** A plain, secret-free object for `--json` output and structured logs. */
  toJSON(): Record<string, unknown> {
    return { ...(this as object), name: this.name, message: this.message };
  }
}

/** Details of an HTTP error response. */
export interface ApiErrorDetails extends RequestContext {
  status: number;
  statusText?: string;
  /** The server's message, if its body had one. */
  serverMessage?: string;
  /** The response body, capped and scrubbed of secrets. */
  body?: string;
  /** Extra words for a person, e.g. "account not found or not shared with you". */
  hint?: string;
}

/** The server answered with an error status (or a body that means one). */
export class DomoApiError extends DomoError {
  override name = 'DomoApiError';
  readonly status: number;
  readonly statusText: string | undefined;
  readonly serverMessage: string | undefined;
  readonly body: string | undefined;

  constructor(details: ApiErrorDetails) {
    super(apiErrorMessage(details), details);
    this.status = details.status;
    this.statusText = details.statusText;
    this.serverMessage = details.serverMessage;
    this.body = details.body;
  }
}

function apiErrorMessage(details: ApiErrorDetails): string {
  const where = `${details.method ?? ''} ${pathOf(details.url)}`.trim();
  const explanation = [details.hint, details.serverMessage ?? details.statusText].filter(Boolean).join(': ');
  if (where === '') return explanation || `HTTP ${details.status}`;
  return `${where} → ${details.status}${explanation ? ` (${explanation})` : ''}`;
}

/** The path and query of a URL, for messages and log lines (the text as given when it is not a URL). */
export function pathOf(url: string | undefined): string {
  if (!url) return '';
  try {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  } catch {
    return url;
  }
}

/** 401, or a login the server refused (`reason` says why: `INVALID_CREDENTIALS`, `ACCOUNT_LOCKED`, …). */
export class DomoAuthError extends DomoApiError {
  override name = 'DomoAuthError';
  readonly reason: string | undefined;

  constructor(details: ApiErrorDetails & { reason?: string }) {
    super(details);
    this.reason = details.reason;
  }
}

/** 403: the caller lacks the grant or the share. */
export class DomoForbiddenError extends DomoApiError {
  override name = 'DomoForbiddenError';
}

/** 404, or an object that is not visible to the caller ("not found or not shared"). */
export class DomoNotFoundError extends DomoApiError {
  override name = 'DomoNotFoundError';
}

/** 409: the request conflicts with the current state. */
export class DomoConflictError extends DomoApiError {
  override name = 'DomoConflictError';
}

/** 429 after every retry; `retryAfterMs` is the server's last hint. */
export class DomoRateLimitError extends DomoApiError {
  override name = 'DomoRateLimitError';
  readonly retryAfterMs: number | undefined;

  constructor(details: ApiErrorDetails & { retryAfterMs?: number }) {
    super(details);
    this.retryAfterMs = details.retryAfterMs;
  }
}

/** 5xx after every retry. */
export class DomoServerError extends DomoApiError {
  override name = 'DomoServerError';
}

/** The server could not be reached (refused, reset, DNS, TLS). `code` is the system error code when known. */
export class DomoConnectionError extends DomoError {
  override name = 'DomoConnectionError';
  readonly code: string | undefined;

  constructor(message: string, context: RequestContext & { code?: string } = {}) {
    super(message, context);
    this.code = context.code;
  }
}

/** An attempt took longer than `timeoutMs`. */
export class DomoTimeoutError extends DomoError {
  override name = 'DomoTimeoutError';
  readonly timeoutMs: number | undefined;

  constructor(message: string, context: RequestContext & { timeoutMs?: number } = {}) {
    super(message, context);
    this.timeoutMs = context.timeoutMs;
  }
}

/** One mismatch between a response and its schema. */
export interface ValidationIssue {
  /** Field path such as `[0].id` or `users[3].roleId`; empty for the whole body. */
  path: string;
  message: string;
}

/** The response did not have the shape the route relies on. */
export class DomoValidationError extends DomoError {
  override name = 'DomoValidationError';
  readonly issues: ValidationIssue[];
  readonly status: number | undefined;

  constructor(message: string, context: RequestContext & { issues?: ValidationIssue[]; status?: number } = {}) {
    super(message, context);
    this.issues = context.issues ?? [];
    this.status = context.status;
  }
}

/** Bad input caught before any request was sent. `field` names the argument when there is one. */
export class DomoInputError extends DomoError {
  override name = 'DomoInputError';
  readonly field: string | undefined;

  constructor(message: string, options: { field?: string; route?: string } = {}) {
    super(message, { route: options.route });
    this.field = options.field;
  }
}

/** The instance does not exist, or blocks this client (VPN block page, IP allowlist). */
export class DomoInstanceError extends DomoError {
  override name = 'DomoInstanceError';
  readonly status: number | undefined;

  constructor(message: string, context: RequestContext & { status?: number } = {}) {
    super(message, context);
    this.status = context.status;
  }
}

/** A name matched more than one object; `matches` lists them so the caller can pick by id. */
export class DomoAmbiguousNameError extends DomoError {
  override name = 'DomoAmbiguousNameError';
  readonly matches: { id: number; name: string }[];

  constructor(kind: string, wanted: string, matches: { id: number; name: string }[]) {
    super(`${matches.length} ${kind}s are named ${JSON.stringify(wanted)}: ${matches.map((m) => `#${m.id} ${JSON.stringify(m.name)}`).join(', ')}; use an id`);
    this.matches = matches;
  }
}

/** A multi-step operation stopped half way; `completed` says what was done, `cause` why it stopped. */
export class DomoPartialFailureError extends DomoError {
  override name = 'DomoPartialFailureError';
  readonly completed: string[];
  override readonly cause: unknown;

  constructor(message: string, completed: string[], cause: unknown) {
    super(message, isDomoError(cause) ? { method: cause.method, url: cause.url, route: cause.route, attempts: cause.attempts } : {});
    this.completed = completed;
    this.cause = cause;
  }
}

/** True for any domo-admin error, also across module copies (checked by name). */
export function isDomoError(error: unknown): error is DomoError {
  return error instanceof DomoError || (error instanceof Error && /^Domo[A-Za-z]*Error$/.test(error.name) && 'route' in error);
}

/** The error class for an HTTP status. */
export function apiErrorClassFor(status: number): typeof DomoApiError {
  if (status === 401) return DomoAuthError;
  if (status === 403) return DomoForbiddenError;
  if (status === 404) return DomoNotFoundError;
  if (status === 409) return DomoConflictError;
  if (status === 429) return DomoRateLimitError;
  if (status >= 500) return DomoServerError;
  return DomoApiError;
}
