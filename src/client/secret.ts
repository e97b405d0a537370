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
  return value instanceof Secret || (typeof value === 'object' && value !== null && value.constructor?.name === 'Secret'
    && typeof (value as { reveal?: unknown }).reveal === 'function');
}

/**
 * Replaces every occurrence of each secret's value in `text` with `[REDACTED]`.
 * Values shorter than 4 characters are left alone: scrubbing them would mangle ordinary text.
 */
export function scrubSecrets(text: string, secrets: Iterable<Secret | string>): string {
  let scrubbed = text;
  for (const secret of secrets) {
    const value = typeof secret === 'string' ? secret : secret.reveal();
    if (value.length >= 4) scrubbed = scrubbed.split(value).join(REDACTED);
  }
  return scrubbed;
}

export { REDACTED };
