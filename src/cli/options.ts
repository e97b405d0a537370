import { InvalidArgumentError } from 'commander';

/** A commander parser for a whole number ≥ `min`, with an error that says what is valid. */
export function integerOption(flag: string, min: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) {
      throw new InvalidArgumentError(`${flag} takes a whole number ≥ ${min}, got ${JSON.stringify(value)}`);
    }
    return n;
  };
}
