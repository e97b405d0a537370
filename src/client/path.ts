import { DomoInputError } from './errors.js';

type PathValue = string | number;

/**
 * Builds a URL path from a template, encoding every interpolated value as one path segment.
 *
 * Throws {@link DomoInputError} before any request is sent when a value is empty, `.` or `..`, contains `/`,
 * or is not a string or finite number, so an id can never redirect a request to another endpoint.
 *
 * @example
 * ```ts
 * path`/api/data/v1/accounts/${id}`;   // '/api/data/v1/accounts/71'
 * path`/api/data/v1/accounts/${'../x'}`; // throws DomoInputError
 * ```
 */
export function path(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((built, literal, index) => {
    if (index === 0) return literal;
    return built + encodeSegment(values[index - 1]) + literal;
  }, '');
}

function encodeSegment(value: unknown): string {
  const text = segmentText(value);
  const trimmed = text.trim();
  if (trimmed === '') throw new DomoInputError('a path segment is empty');
  if (trimmed === '.' || trimmed === '..') throw new DomoInputError(`a path segment may not be '${trimmed}'`);
  if (text.includes('/') || text.includes('\\'))
    throw new DomoInputError(`a path segment may not contain a slash: ${JSON.stringify(text)}`);
  return encodeURIComponent(text);
}

function segmentText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DomoInputError(`a path segment must be a finite number, got ${value}`);
    return String(value);
  }
  const shown = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
  throw new DomoInputError(`a path segment must be a string or a number, got ${shown}`);
}

export type { PathValue };
