import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/index.js';
import { mapAll } from '../../src/client/concurrency.js';

describe('mapConcurrent', () => {
  it('keeps at most `limit` calls in flight and returns results in input order', async () => {
    let inFlight = 0;
    let peak = 0;
    const progress: number[] = [];
    const results = await mapConcurrent(
      [5, 1, 4, 2, 3, 0, 6],
      3,
      async (n) => {
        inFlight += 1;
        peak = Math.max(peak, inFlight);
        await new Promise((resolve) => setTimeout(resolve, n));
        inFlight -= 1;
        return n * 10;
      },
      { onProgress: (p) => progress.push(p.done) },
    );
    expect(peak).toBe(3);
    expect(results.map((r) => (r.ok ? r.value : null))).toEqual([50, 10, 40, 20, 30, 0, 60]);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('collects failures instead of stopping', async () => {
    const results = await mapConcurrent([1, 2, 3], 2, (n) =>
      n === 2 ? Promise.reject(new Error('boom')) : Promise.resolve(n),
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const failed = results[1]!;
    expect(!failed.ok && (failed.error as Error).message).toBe('boom');
  });

  it('rejects a bad limit', async () => {
    await expect(mapConcurrent([1], 0, () => Promise.resolve(1))).rejects.toThrow(RangeError);
  });
});

describe('mapAll', () => {
  it('returns the values in input order when every call succeeds', async () => {
    expect(await mapAll([3, 1, 2], 2, (n) => Promise.resolve(n * 2))).toEqual([6, 2, 4]);
  });

  it('throws the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const boom = new Error('boom');
    await expect(
      mapAll([1, 2, 3, 4, 5, 6], 2, async (n) => {
        started.push(n);
        await new Promise((resolve) => setTimeout(resolve, 1));
        if (n === 2) throw boom;
        return n;
      }),
    ).rejects.toBe(boom);
    expect(started.length).toBeLessThan(6);
  });
});
