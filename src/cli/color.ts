/**
 * Colour for people at a terminal, and never for anyone else: on when the stream is a terminal, off with `NO_COLOR`
 * (https://no-color.org), `--no-color`, `TERM=dumb` or `--json`; `FORCE_COLOR` (not `0`) turns it on anywhere.
 * The output is painted line by line after server text has been made printable, so only these codes reach the
 * terminal: a name from the server can never colour anything.
 */

const CODES = { green: [32, 39], yellow: [33, 39], red: [31, 39], dim: [2, 22], bold: [1, 22] } as const;
/** A colour this module paints with. */
export type Colour = keyof typeof CODES;

/** `text` in `colour`. */
export function paint(colour: Colour, text: string): string {
  const [open, close] = CODES[colour];
  return `\x1b[${open}m${text}\x1b[${close}m`;
}

/** Whether a stream gets colour, from the environment and whether it is a terminal. */
export function colourFor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0';
  return Boolean(isTTY) && env.TERM !== 'dumb';
}

/** What a line's leading mark says, and its colour: `+` green, `~ ⇄ !` yellow, `− -` red, `✓` green. */
const MARKS: [RegExp, Colour][] = [
  [/^(\s*)(\+ |✓ )/, 'green'],
  [/^(\s*)(~ |⇄ |! )/, 'yellow'],
  [/^(\s*)(− |- |✗ )/, 'red'],
  [/^(\s*)(\[(?:critical|high)\])/, 'red'],
  [/^(\s*)(\[medium\])/, 'yellow'],
  [/^(\s*)(\[(?:low|info)\])/, 'dim'],
  [/^()(\w*Error: )/, 'red'],
  [/^()(Type yes to apply: )/, 'bold'],
];

/** Paints the leading mark of each line of a block of human output (the rest of the line stays as it is). */
export function paintMarks(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      for (const [pattern, colour] of MARKS) {
        const match = pattern.exec(line);
        if (match) return `${match[1]}${paint(colour, match[2] as string)}${line.slice(match[0].length)}`;
      }
      return line;
    })
    .join('\n');
}
