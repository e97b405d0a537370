import { inspect } from 'node:util';

/** What a secret prints as. */
const REDACTED = '[REDACTED]';

/**
 * A credential or config secret that never prints itself.
 *
 * `String()`, `JSON.stringify()` and `util.inspect()` all show `[REDACTED]`; only {@link Secret.reveal}
 * returns the value, so a secret can travel through entities, errors and logs without leaking.
 *
 * @example
 * ```ts
 * const token = new Secret(process.env.DOMO_ACCESS_TOKEN!);
 * `${token}`;       // '[REDACTED]'
 * token.reveal();   // the real value
 * ```
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** Wraps a plain string; returns a `Secret` unchanged. */
  static from(value: string | Secret): Secret {
    return value instanceof Secret ? value : new Secret(value);
  }

  /** The clear-text value. Call it only where the value must leave the process (a header, a request body). */
  reveal(): string {
    return this.#value;
  }

  /** True when the secret is empty or only white space. */
  isBlank(): boolean {
    return this.#value.trim() === '';
  }

  /** Always `[REDACTED]`. */
  toString(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`. */
  toJSON(): string {
    return REDACTED;
  }

  /** Always `[REDACTED]`. */
  [inspect.custom](): string {
    return REDACTED;
  }
}

/** True for a {@link Secret}, also across module copies (checked by shape). */
export function isSecret(value: unknown): value is Secret {
  return (
    value instanceof Secret ||
    (typeof value === 'object' &&
      value !== null &&
      value.constructor?.name === 'Secret' &&
      typeof (value as { reveal?: unknown }).reveal === 'function')
  );
}

/**
 * Replaces every occurrence of each secret's value in `text` with `[REDACTED]` — in each form a server can echo
 * it: as it is, JSON-escaped any number of times (quotes and backslashes, and non-ASCII as `\uXXXX`), and
 * URL-encoded (path, query and form style). Values shorter than 4 characters are left alone: scrubbing them would mangle ordinary text.
 */
export function scrubSecrets(text: string, secrets: Iterable<Secret | string>): string {
  let scrubbed = text;
  for (const secret of secrets) {
    const value = typeof secret === 'string' ? secret : secret.reveal();
    for (const form of formsOf(value)) {
      if (scrubbed.includes(form)) scrubbed = scrubbed.split(form).join(REDACTED);
    }
    const escaped = escapedPattern(value);
    if (escaped) scrubbed = scrubbed.replace(escaped, REDACTED);
  }
  return scrubbed;
}

const formCache = new Map<string, readonly string[]>();
const patternCache = new Map<string, RegExp | undefined>();
const FORM_CACHE_LIMIT = 1_000;

/** The forms of a value that may appear in text a server sends back, longest first so none is left half-scrubbed. */
export function formsOf(value: string): readonly string[] {
  if (value.length < 4) return [];
  let forms = formCache.get(value);
  if (!forms) {
    const json = JSON.stringify(value).slice(1, -1);
    const uri = safely(() => encodeURIComponent(value));
    const candidates = [
      value,
      json,
      asciiEscape(json),
      uri,
      uri?.replace(/%20/g, '+'),
      uri?.replace(/%[0-9A-F]{2}/g, (code) => code.toLowerCase()),
      safely(() => encodeURI(value)),
    ];
    forms = [
      ...new Set(candidates.filter((form): form is string => typeof form === 'string' && form.length >= 4)),
    ].sort((a, b) => b.length - a.length);
    if (formCache.size >= FORM_CACHE_LIMIT) formCache.clear();
    formCache.set(value, forms);
  }
  return forms;
}

/**
 * The value JSON-escaped any number of times: a server may echo it inside a JSON string that is itself inside
 * JSON (an error body quoting a request body), each level adding backslashes before quotes and backslashes, and
 * non-ASCII characters as they are or as `\uXXXX` (either case). `undefined` for a value with nothing to escape:
 * its forms cover it.
 */
function escapedPattern(value: string): RegExp | undefined {
  if (value.length < 4) return undefined;
  if (patternCache.has(value)) return patternCache.get(value);
  const special = /["\\\u0000-\u001f\u007f-\uffff]/.test(value);
  const pattern = special
    ? new RegExp(
        [...value]
          .map((char) => {
            const code = char.codePointAt(0) ?? 0;
            if (char === '"' || char === '\\') return `\\\\*${char === '"' ? '"' : '\\\\'}`;
            if (code < 0x20 || code >= 0x7f) {
              const hex = code
                .toString(16)
                .padStart(4, '0')
                .replace(/[a-f]/g, (h) => `[${h}${h.toUpperCase()}]`);
              const short = SHORT_ESCAPES.get(char);
              return `(?:${escapeRegExp(char)}|\\\\+u${hex}${short ? `|\\\\+${short}` : ''})`;
            }
            return escapeRegExp(char);
          })
          .join(''),
        'g',
      )
    : undefined;
  if (patternCache.size >= FORM_CACHE_LIMIT) patternCache.clear();
  patternCache.set(value, pattern);
  return pattern;
}

/** The characters JSON writes with a one-letter escape. */
const SHORT_ESCAPES: ReadonlyMap<string, string> = new Map([
  ['\b', 'b'],
  ['\f', 'f'],
  ['\n', 'n'],
  ['\r', 'r'],
  ['\t', 't'],
]);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Non-ASCII characters as `\uXXXX` (how a JSON encoder that escapes them writes them). */
function asciiEscape(text: string): string {
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A lone surrogate cannot be URL-encoded; such a value has no URL form. */
function safely(encode: () => string): string | undefined {
  try {
    return encode();
  } catch {
    return undefined;
  }
}

export { REDACTED };
