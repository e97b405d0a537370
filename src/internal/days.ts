/** A day, in milliseconds. */
export const DAY_MS = 86_400_000;

/** Whole days (rounded) from `now` to `time` (epoch ms); negative once `time` has passed. */
export function daysUntil(time: number, now: number = Date.now()): number {
  return Math.round((time - now) / DAY_MS);
}

/** How long ago `time` was, in words: `today`, `yesterday`, `N days ago` (whole days, rounded down). */
export function agoText(time: number, now: number = Date.now()): string {
  const days = Math.floor((now - time) / DAY_MS);
  return days <= 0 ? 'today' : days === 1 ? 'yesterday' : `${days} days ago`;
}

/** A time to the minute, UTC, as people read it: `2026-12-01 09:14`. */
export function minuteText(time: number): string {
  return new Date(time).toISOString().slice(0, 16).replace('T', ' ');
}
