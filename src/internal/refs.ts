/**
 * References, parsed once where they enter (a CLI argument, a public method) and passed on typed. Every family
 * reads ids, emails and names with these two functions, so `"12"`, `12`, `" 12 "` and `"0x0c"` mean the same thing
 * (or the same refusal) everywhere.
 */

/** An email as a reference: something@domain.tld, no spaces. */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** Decimal digits, at most 16 (anything longer is past the safe integer range). */
const DIGITS = /^\d{1,16}$/;

/**
 * The Domo object id `value` spells: a positive safe integer, or a string of decimal digits (spaces around it are
 * ignored; never `-1`, `1e3`, `0x10`, `1.0`). `undefined` when it is not one.
 */
export function parseId(value: unknown): number | undefined {
  const id = typeof value === 'string' && DIGITS.test(value.trim()) ? Number(value.trim()) : value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** A reference to an object: by id, by email (people), by exact name, or a group by name (`group:<name>`). */
export type Ref =
  | { readonly kind: 'id'; readonly id: number }
  | { readonly kind: 'email'; readonly email: string }
  | { readonly kind: 'group'; readonly name: string }
  | { readonly kind: 'name'; readonly name: string };

/** Which kinds of reference a place accepts besides ids. */
export interface RefKinds {
  /** `someone@acme.com` (people). */
  emails?: boolean;
  /** `group:<name>` (where users or groups are accepted). */
  groups?: boolean;
  /** Any other non-empty text, as an exact name. */
  names?: boolean;
}

/**
 * `value` as a typed reference: an id (a number, digits, or an object with an id), an email, `group:<name>`, or a
 * name, as far as `kinds` allows; `undefined` when it is none of those.
 */
export function parseRef(value: unknown, kinds: RefKinds = {}): Ref | undefined {
  const id = parseId(typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : value);
  if (id !== undefined) return { kind: 'id', id };
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (kinds.groups && text.startsWith('group:') && text.length > 'group:'.length)
    return { kind: 'group', name: text.slice('group:'.length).trim() };
  if (kinds.emails && EMAIL_PATTERN.test(text)) return { kind: 'email', email: text };
  if (kinds.names && !(kinds.emails && text.includes('@'))) return { kind: 'name', name: text };
  return undefined;
}

/** A reference as a person reads it: `12`, `ada@acme.com`, `group:Finance`, `"Finance"`. */
export function refText(ref: Ref): string {
  switch (ref.kind) {
    case 'id':
      return String(ref.id);
    case 'email':
      return ref.email;
    case 'group':
      return `group:${ref.name}`;
    case 'name':
      return JSON.stringify(ref.name);
  }
}
