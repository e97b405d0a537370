/**
 * Server-provided text (names, descriptions, error messages) printed to a terminal must not be able to move the
 * cursor, recolour the screen, fake a line or reorder what is shown. These helpers make every such character
 * visible as an escape instead: `\x1B`, `\u202E`.
 */
import { escapeChar, UNSAFE_CHARS, UNSAFE_CHARS_BUT_LINES } from '../internal/unsafe-text.js';
import { redactJsonText } from '../client/logger.js';

/** One server value for one line: every control character, line breaks included, shown as an escape. */
export function inline(text: string): string {
  return text.replace(UNSAFE_CHARS, escapeChar);
}

/** A block of output: control characters shown as escapes; line feeds and tabs kept. */
export function printable(text: string): string {
  return text.replace(UNSAFE_CHARS_BUT_LINES, escapeChar);
}

/** A captured body for printing, with every value of a secret-looking key masked. */
export function redactBody(body: string): string {
  return body === '' ? '(no body)' : redactJsonText(body);
}
