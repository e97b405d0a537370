import { InvalidArgumentError } from 'commander';

/** The whole number `value` spells, if it is one ≥ `min`. */
function wholeNumber(value: string, min: number): number | undefined {
  const n = Number(value);
  return /^-?\d+$/.test(value.trim()) && Number.isSafeInteger(n) && n >= min ? n : undefined;
}

/** A commander parser for a whole number ≥ `min`, with an error that says what is valid. */
export function integerOption(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = wholeNumber(value, min);
    if (n === undefined)
      throw new InvalidArgumentError(`${flag} takes a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
    return n;
  };
}

/** A commander parser for a numeric id (a whole number ≥ 1). */
export function idArgument(what: string): (value: string) => number {
  return (value) => {
    const n = wholeNumber(value, 1);
    if (n === undefined)
      throw new InvalidArgumentError(`${what} must be a positive whole number, got ${JSON.stringify(value)}`);
    return n;
  };
}
