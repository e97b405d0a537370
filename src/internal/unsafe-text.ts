/**
 * Characters that change how text shows rather than what it says: C0 and C1 controls, DEL, and the bidirectional
 * and zero-width marks that reorder or hide text (U+202E, U+2066…U+2069, U+200B…). Names from a server may hold
 * them; the terminal, HTML and data files each render them harmless in their own way.
 */
export const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** {@link UNSAFE_CHARS} less line feed and tab: for whole blocks whose own lines are ours. */
export const UNSAFE_CHARS_BUT_LINES =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** True when `text` holds a character of {@link UNSAFE_CHARS}. */
export function hasUnsafeChars(text: string): boolean {
  UNSAFE_CHARS.lastIndex = 0;
  const found = UNSAFE_CHARS.test(text);
  UNSAFE_CHARS.lastIndex = 0;
  return found;
}

/** A character as an escape: `\x1B` for one byte, `\u202E` above. */
export function escapeChar(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** A character as a `\uXXXX` escape (what JSON and YAML double-quoted strings read back). */
export function unicodeEscape(char: string): string {
  return `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
