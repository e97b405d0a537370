import { InvalidArgumentError } from 'commander';
import { parseId, parseRef } from '../internal/refs.js';
import { toEpoch } from '../classes/activity/window.js';

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

/** A commander parser for a numeric id (a whole number ≥ 1), parsed by the one id parser. */
export function idArgument(what: string): (value: string) => number {
  return (value) => {
    const n = parseId(value);
    if (n === undefined)
      throw new InvalidArgumentError(`${what} must be a positive whole number, got ${JSON.stringify(value)}`);
    return n;
  };
}

/**
 * A commander parser for a user reference: a user id (digits only, ≥ 1) or an email. Anything else (`-1`, `1e3`,
 * `0x10`, `abc`) is a usage error (exit 2) before anything is sent. `groups` also allows `group:<name>`.
 */
export function userArgument(what: string, options: { groups?: boolean } = {}): (value: string) => string {
  return (value) => {
    const text = value.trim();
    if (parseRef(text, { emails: true, groups: options.groups })) return text;
    throw new InvalidArgumentError(
      `${what} must be a user id (a whole number) or an email${options.groups ? ', or group:<name>' : ''}, got ${JSON.stringify(value.length > 80 ? `${value.slice(0, 60)}…` : value)}`,
    );
  };
}

/** A commander parser for a date (`2026-03-01`, an ISO time) or a number of days back (`90d`). */
export function dateOption(flag: string): (value: string) => number {
  return (value) => {
    const days = /^(\d{1,4})d$/.exec(value.trim());
    if (days) return Date.now() - Number(days[1]) * 86_400_000;
    try {
      return toEpoch(value, flag, 'cli');
    } catch {
      throw new InvalidArgumentError(
        `${flag} takes a date (2026-03-01), an ISO time or days back (90d), got ${JSON.stringify(value)}`,
      );
    }
  };
}
