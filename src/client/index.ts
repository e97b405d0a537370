export {
  DomoError,
  DomoApiError,
  DomoAuthError,
  DomoForbiddenError,
  DomoNotFoundError,
  DomoConflictError,
  DomoRateLimitError,
  DomoServerError,
  DomoConnectionError,
  DomoTimeoutError,
  DomoAbortError,
  DomoResponseTooLargeError,
  DomoValidationError,
  DomoInputError,
  DomoFileError,
  DomoInstanceError,
  DomoAmbiguousNameError,
  DomoPartialFailureError,
  isDomoError,
  type RequestContext,
  type ApiErrorDetails,
  type MaybeApplied,
  type ValidationIssue,
} from './errors.js';
export { path } from './path.js';
export { Secret, isSecret, scrubSecrets, REDACTED } from './secret.js';
export { mapConcurrent, type Settled, type Progress, type MapConcurrentOptions } from './concurrency.js';
export { LOG_LEVELS, stderrLogger, logLevelFromEnv, type Logger, type LogLevel } from './logger.js';
export { MAX_RETRIES, MAX_TIMEOUT_MS } from '../internal/input.js';
export {
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  type DomoResponse,
  type HttpMethod,
  type RequestOptions,
  type RetryPolicy,
  type TransportOptions,
} from './options.js';
export { DomoTransport, type AuthProvider, type RequestSpec } from './transport.js';
export { isReadOnlyRequest } from './attempt.js';
