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

  constructor(message: string, context: RequestContext = {}, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
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
  /** The whole message, when the usual `METHOD path → status (hint: server message)` would mislead. */
  message?: string;
  /** Domo's trace id for the failed request (`toe` in its error bodies): quote it to Domo support. */
  requestId?: string;
}

/** The server answered with an error status (or a body that means one). */
export class DomoApiError extends DomoError {
  override name = 'DomoApiError';
  readonly status: number;
  readonly statusText: string | undefined;
  readonly serverMessage: string | undefined;
  readonly body: string | undefined;
  /** Domo's trace id (`toe` in its error bodies), when the response had one: quote it to Domo support. */
  readonly requestId: string | undefined;

  constructor(details: ApiErrorDetails) {
    super(apiErrorMessage(details), details);
    this.status = details.status;
    this.statusText = details.statusText;
    this.serverMessage = details.serverMessage;
    this.body = details.body;
    this.requestId = details.requestId;
  }
}

function apiErrorMessage(details: ApiErrorDetails): string {
  if (details.message !== undefined) return details.message;
  const where = `${details.method ?? ''} ${pathOf(details.url)}`.trim();
  const explanation = withoutRepeats([details.hint, details.serverMessage ?? details.statusText]).join(': ');
  if (where === '') return explanation || `HTTP ${details.status}`;
  return `${where} → ${details.status}${explanation ? ` (${explanation})` : ''}`;
}

/** The parts that say something new: a part whose words another part already holds ("Not Found" after "role 9 not found") is dropped. */
function withoutRepeats(parts: (string | undefined)[]): string[] {
  const kept: string[] = [];
  for (const part of parts) {
    if (!part) continue;
    const words = part.toLowerCase().match(/[a-z0-9]+/g) ?? [];
    const said = new Set(
      kept
        .join(' ')
        .toLowerCase()
        .match(/[a-z0-9]+/g) ?? [],
    );
    if (kept.length > 0 && words.every((word) => said.has(word))) continue;
    kept.push(part);
  }
  return kept;
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

/** Whether a failed write may still have reached the server and changed something. */
export interface MaybeApplied {
  /**
   * True when the request may have reached the server before the failure (a reset or timeout after it was
   * sent): a change may have been applied, so check the state before sending it again. False when it was
   * certainly never sent (connection refused, DNS or TLS failure) or was a read.
   */
  mayHaveBeenApplied?: boolean;
}

/** The server could not be reached, or the connection failed (refused, reset, DNS, TLS). `code` is the system error code when known. */
export class DomoConnectionError extends DomoError {
  override name = 'DomoConnectionError';
  readonly code: string | undefined;
  readonly mayHaveBeenApplied: boolean;

  constructor(
    message: string,
    context: RequestContext & MaybeApplied & { code?: string } = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, context, options);
    this.code = context.code;
    this.mayHaveBeenApplied = context.mayHaveBeenApplied ?? false;
  }
}

/** An attempt (the request and its whole response body) took longer than `timeoutMs`, or a wait for a shared login did. */
export class DomoTimeoutError extends DomoError {
  override name = 'DomoTimeoutError';
  readonly timeoutMs: number | undefined;
  readonly mayHaveBeenApplied: boolean;

  constructor(
    message: string,
    context: RequestContext & MaybeApplied & { timeoutMs?: number } = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, context, options);
    this.timeoutMs = context.timeoutMs;
    this.mayHaveBeenApplied = context.mayHaveBeenApplied ?? false;
  }
}

/** The caller's `AbortSignal` stopped the call. `mayHaveBeenApplied` says whether a write may have gone out first. */
export class DomoAbortError extends DomoError {
  override name = 'DomoAbortError';
  readonly mayHaveBeenApplied: boolean;

  constructor(message: string, context: RequestContext & MaybeApplied = {}, options: { cause?: unknown } = {}) {
    super(message, context, options);
    this.mayHaveBeenApplied = context.mayHaveBeenApplied ?? false;
  }
}

/** A response body was larger than the transport's `maxResponseBytes`; it was not read further. */
export class DomoResponseTooLargeError extends DomoError {
  override name = 'DomoResponseTooLargeError';
  readonly limitBytes: number;

  constructor(message: string, context: RequestContext & { limitBytes: number }) {
    super(message, context);
    this.limitBytes = context.limitBytes;
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

/** A file or folder could not be read or written (a folder given for a file, a missing folder, no permission). */
export class DomoFileError extends DomoInputError {
  override name = 'DomoFileError';
  /** The path as given. */
  readonly path: string;
  /** The system code: `EISDIR`, `ENOENT`, `ENOTDIR`, `EEXIST`, `EACCES`, … */
  readonly code: string | undefined;

  constructor(message: string, path: string, code: string | undefined, route?: string) {
    super(message, { field: 'path', ...(route ? { route } : {}) });
    this.path = path;
    this.code = code;
  }
}

/**
 * A file system error in words a person can act on, as a {@link DomoFileError}: `what` names the file
 * ("the plan", "the snapshot"). Anything else is returned as it is.
 */
export function fileError(error: unknown, path: string, what: string, route?: string): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why: Record<string, string> = {
    EISDIR: `${path} is a folder: give a file name`,
    ENOENT: `${path}: the folder it is in does not exist`,
    ENOTDIR: `${path}: a part of the path is a file, not a folder`,
    EEXIST: `${path} exists already`,
    EACCES: `${path}: permission denied`,
    EPERM: `${path}: permission denied`,
    EROFS: `${path}: the file system is read-only`,
    ENOSPC: `${path}: the disk is full`,
  };
  if (typeof code !== 'string' || !Object.hasOwn(why, code)) return error;
  return new DomoFileError(`cannot write ${what}: ${why[code]}`, path, code, route);
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
  readonly matches: { id: number | string; name: string }[];

  /** `what` says how they match: `are named` (the default), `have the email`. */
  constructor(kind: string, wanted: string, matches: { id: number | string; name: string }[], what = 'are named') {
    super(
      `${matches.length} ${kind}s ${what} ${JSON.stringify(wanted)}: ${matches.map((m) => `#${m.id} ${JSON.stringify(m.name)}`).join(', ')}; use an id`,
    );
    this.matches = matches;
  }
}

/** A multi-step operation stopped half way; `completed` says what was done, `cause` why it stopped. */
export class DomoPartialFailureError extends DomoError {
  override name = 'DomoPartialFailureError';
  readonly completed: string[];
  override readonly cause: unknown;

  constructor(message: string, completed: string[], cause: unknown) {
    super(
      message,
      isDomoError(cause) ? { method: cause.method, url: cause.url, route: cause.route, attempts: cause.attempts } : {},
    );
    this.completed = completed;
    this.cause = cause;
  }
}

/** True for any domo-admin error, also across module copies (checked by name). */
export function isDomoError(error: unknown): error is DomoError {
  return (
    error instanceof DomoError ||
    (error instanceof Error && /^Domo[A-Za-z]*Error$/.test(error.name) && 'route' in error)
  );
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
