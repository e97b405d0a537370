/** Log levels from quietest to noisiest. */
export const LOG_LEVELS = ['off', 'error', 'warn', 'info', 'debug'] as const;
/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Where log lines go. Any object with these methods works (`console`, pino, winston). */
export interface Logger {
  /** A failure. */
  error(message: string): void;
  /** Something worth a look. */
  warn(message: string): void;
  /** One line per request attempt. */
  info(message: string): void;
  /** Masked headers and, when asked, bodies. */
  debug(message: string): void;
}

/** Writes `domo-admin <level> <message>` lines to standard error. Used only when logging is switched on. */
export const stderrLogger: Logger = {
  error: (message) => writeLine('error', message),
  warn: (message) => writeLine('warn', message),
  info: (message) => writeLine('info', message),
  debug: (message) => writeLine('debug', message),
};

function writeLine(level: string, message: string): void {
  process.stderr.write(`domo-admin ${level} ${message}\n`);
}

/** Reads a level from `DOMO_LOG`; anything unknown means off. */
export function logLevelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const value = env.DOMO_LOG?.trim().toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : 'off';
}

/** A logger that drops everything above `level`, and passes each line through `scrub` first. */
export function levelledLogger(logger: Logger, level: LogLevel, scrub: (text: string) => string): Logger {
  const rank = LOG_LEVELS.indexOf(level);
  const at = (lineLevel: Exclude<LogLevel, 'off'>) => (message: string) => {
    if (LOG_LEVELS.indexOf(lineLevel) <= rank) logger[lineLevel](scrub(message));
  };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** True when `level` lets lines of `lineLevel` through. */
export function logs(level: LogLevel, lineLevel: Exclude<LogLevel, 'off'>): boolean {
  return LOG_LEVELS.indexOf(lineLevel) <= LOG_LEVELS.indexOf(level);
}

const SENSITIVE_HEADER = /token|authorization|authentication|cookie|secret|password|api-?key/i;

/** Headers as `name: value` text with every credential header masked. */
export function maskHeaders(headers: Headers): string {
  const parts: string[] = [];
  headers.forEach((value, name) => parts.push(`${name}: ${SENSITIVE_HEADER.test(name) ? '***' : value}`));
  return parts.join(', ');
}

const SENSITIVE_KEY = /pass|secret|token|key|credential|session|auth/i;

/**
 * A JSON body as text with the value of every secret-looking key (`password`, `secretKey`, `sessionToken`,
 * `credentials`, …) replaced by `[REDACTED]`; text that is not JSON is returned as it is.
 */
export function redactJsonText(body: string): string {
  if (body === '') return body;
  try {
    return JSON.stringify(
      JSON.parse(body, (key, value: unknown) =>
        key !== '' && SENSITIVE_KEY.test(key) && (value === null || typeof value !== 'object') ? '[REDACTED]' : value,
      ),
    );
  } catch {
    return body;
  }
}
