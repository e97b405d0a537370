export * from './errors.js';
export { path } from './path.js';
export { Secret, isSecret, scrubSecrets, REDACTED } from './secret.js';
export { mapConcurrent, type Settled, type Progress, type MapConcurrentOptions } from './concurrency.js';
export { LOG_LEVELS, stderrLogger, logLevelFromEnv, redactJsonText, type Logger, type LogLevel } from './logger.js';
export { checkConcurrency, checkRequestOptions, checkTransportOptions, MAX_RETRIES, MAX_TIMEOUT_MS } from './input.js';
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
