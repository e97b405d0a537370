/** The two statistics every bench figure uses. */

/** Rounded to 0.1. */
export const round = (value: number) => Math.round(value * 10) / 10;

/** The median (the upper one of an even count); 0 for none. */
export const middle = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
