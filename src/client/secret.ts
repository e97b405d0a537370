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
 * it: as it is, JSON-escaped (quotes and backslashes, and non-ASCII as `\uXXXX`), and URL-encoded (path,
 * query and form style). Values shorter than 4 characters are left alone: scrubbing them would mangle ordinary text.
 */
export function scrubSecrets(text: string, secrets: Iterable<Secret | string>): string {
  let scrubbed = text;
  for (const secret of secrets) {
    for (const form of formsOf(typeof secret === 'string' ? secret : secret.reveal())) {
      if (scrubbed.includes(form)) scrubbed = scrubbed.split(form).join(REDACTED);
    }
  }
  return scrubbed;
}

const formCache = new Map<string, readonly string[]>();
const FORM_CACHE_LIMIT = 1_000;

/** The forms of a value that may appear in text a server sends back, longest first so none is left half-scrubbed. */
export function formsOf(value: string): readonly string[] {
  if (value.length < 4) return [];
  let forms = formCache.get(value);
  if (!forms) {
    const json = JSON.stringify(value).slice(1, -1);
    const asciiJson = json.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    const uri = safely(() => encodeURIComponent(value));
    const upperJson = asciiJson.replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => `\\u${hex.toUpperCase()}`);
    const candidates = [
      value,
      json,
      asciiJson,
      upperJson,
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

/** A lone surrogate cannot be URL-encoded; such a value has no URL form. */
function safely(encode: () => string): string | undefined {
  try {
    return encode();
  } catch {
    return undefined;
  }
}

export { REDACTED };
