/** A day, in milliseconds. */
export const DAY_MS = 86_400_000;

/** Whole days (rounded) from `now` to `time` (epoch ms); negative once `time` has passed. */
export function daysUntil(time: number, now: number = Date.now()): number {
  return Math.round((time - now) / DAY_MS);
}
