import { DomoInputError } from '../../client/errors.js';
import { describe } from '../../internal/input.js';
import { DAY_MS } from '../../internal/days.js';

/** A point in time as callers give it: a `Date`, epoch ms, or an ISO 8601 string (`2026-03-01` is UTC midnight). */
export type TimeInput = Date | number | string;

/** One call's worth of the log: one object type over one window (a UTC day, or part of one at the ends). */
export interface ActivityChunk {
  objectType: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
}

/** Epoch ms of a time input; a `DomoInputError` naming `field` for anything else. */
export function toEpoch(value: TimeInput, field: string, route: string): number {
  const ms =
    value instanceof Date
      ? value.getTime()
      : typeof value === 'number'
        ? value
        : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim())
          ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value.trim()) ? `${value.trim()}T00:00:00Z` : value.trim())
          : Number.NaN;
  if (!Number.isSafeInteger(ms) || ms < 0)
    throw new DomoInputError(
      `${field} must be a date (2026-03-01, an ISO time, a Date or epoch ms), got ${describe(value)}`,
      {
        field,
        route,
      },
    );
  return ms;
}

/**
 * The window `[from, to)` cut at UTC midnights into chunks of `days` days, for each type in turn: what one harvest
 * asks for, one call (and its pages) per chunk.
 */
export function chunkWindow(from: number, to: number, types: readonly string[], days = 1): ActivityChunk[] {
  const chunks: ActivityChunk[] = [];
  const step = days * DAY_MS;
  for (const objectType of types) {
    let start = from;
    while (start < to) {
      const boundary = Math.floor(start / step) * step + step;
      const end = Math.min(boundary, to);
      chunks.push({ objectType, from: start, to: end });
      start = end;
    }
  }
  return chunks;
}

/** A chunk as people read it: `CARD 2026-03-01` (with times when it is part of a day). */
export function chunkLabel(chunk: ActivityChunk): string {
  const iso = (ms: number) => new Date(ms).toISOString();
  const whole = chunk.from % DAY_MS === 0 && chunk.to - chunk.from === DAY_MS;
  return whole
    ? `${chunk.objectType} ${iso(chunk.from).slice(0, 10)}`
    : `${chunk.objectType} ${iso(chunk.from)}–${iso(chunk.to)}`;
}
