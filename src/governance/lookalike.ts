import { UNSAFE_CHARS } from '../internal/unsafe-text.js';

/** Letters of other scripts that look like Latin ones (the common Cyrillic and Greek confusables), lower case. */
const LOOKALIKES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    а: 'a',
    в: 'b',
    е: 'e',
    к: 'k',
    м: 'm',
    н: 'h',
    о: 'o',
    р: 'p',
    с: 'c',
    т: 't',
    у: 'y',
    х: 'x',
    і: 'i',
    ј: 'j',
    ѕ: 's',
    ԁ: 'd',
    һ: 'h',
    ӏ: 'l',
    ԛ: 'q',
    ԝ: 'w',
    α: 'a',
    β: 'b',
    ε: 'e',
    η: 'n',
    ι: 'i',
    κ: 'k',
    μ: 'u',
    ν: 'v',
    ο: 'o',
    ρ: 'p',
    τ: 't',
    υ: 'u',
    χ: 'x',
    ϲ: 'c',
    ɡ: 'g',
    ı: 'i',
  }),
);

/**
 * What a name looks like: NFKC-normalised, lower case, lookalike letters of other scripts mapped to Latin, invisible
 * and bidi characters dropped, spaces collapsed. Two different names with one skeleton are easy to mistake.
 */
export function skeleton(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase().replace(UNSAFE_CHARS, '');
  return [...folded]
    .map((char) => LOOKALIKES.get(char) ?? char)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An existing name that `name` looks like but is not (case aside), if any. */
export function lookalikeOf(name: string, existing: readonly string[]): string | undefined {
  const wanted = skeleton(name);
  return existing.find((other) => other.toLowerCase() !== name.toLowerCase() && skeleton(other) === wanted);
}
