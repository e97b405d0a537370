/**
 * Server-provided text (names, descriptions, error messages) printed to a terminal must not be able to move the
 * cursor, recolour the screen, fake a line or reorder what is shown. These helpers make every such character
 * visible as an escape instead: `\x1B`, `\u202E`.
 */

/** C0 controls, DEL, C1 controls, and the bidirectional and zero-width marks that reorder or hide text. */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** The same, less line feed and tab: for whole blocks of output whose own lines are ours. */
const CONTROLS_BUT_LINES =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`
    : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** One server value for one line: every control character, line breaks included, shown as an escape. */
export function inline(text: string): string {
  return text.replace(CONTROLS, escape);
}

/** A block of output: control characters shown as escapes; line feeds and tabs kept. */
export function printable(text: string): string {
  return text.replace(CONTROLS_BUT_LINES, escape);
}
