/** The outcome of one item of a bulk operation. */
export type Settled<T, R> =
  { ok: true; item: T; index: number; value: R } | { ok: false; item: T; index: number; error: unknown };

/** Progress of a bulk operation, reported after each item settles. */
export interface Progress {
  done: number;
  total: number;
  failed: number;
}

/** Options of {@link mapConcurrent}. */
export interface MapConcurrentOptions {
  /** Called after every item settles. */
  onProgress?: (progress: Progress) => void;
  /** Stops starting new items once aborted; items not started settle with the abort reason. */
  signal?: AbortSignal;
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, and never stops at the first failure:
 * every item settles as `{ ok: true, value }` or `{ ok: false, error }`, in input order.
 *
 * @example
 * ```ts
 * const results = await mapConcurrent(ids, 16, (id) => getAccountById(auth, id));
 * const failed = results.filter((r) => !r.ok);
 * ```
 */
export async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  options: MapConcurrentOptions = {},
): Promise<Settled<T, R>[]> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a positive integer, got ${limit}`);
  const results = new Array<Settled<T, R>>(items.length);
  const progress: Progress = { done: 0, total: items.length, failed: 0 };
  let next = 0;

  const settle = (result: Settled<T, R>) => {
    results[result.index] = result;
    progress.done += 1;
    if (!result.ok) progress.failed += 1;
    options.onProgress?.({ ...progress });
  };

  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      const item = items[index] as T;
      if (options.signal?.aborted) {
        settle({ ok: false, item, index, error: options.signal.reason });
        continue;
      }
      try {
        settle({ ok: true, item, index, value: await fn(item, index) });
      } catch (error) {
        settle({ ok: false, item, index, error });
      }
    }
  };

  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * All or nothing: runs `fn` over `items` like {@link mapConcurrent}, stops starting items at the first failure and
 * throws it; otherwise the values, in input order. For reads whose answer is useless when one part is missing.
 */
export async function mapAll<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<R[]> {
  let failure: { error: unknown } | undefined;
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const results = await mapConcurrent(
    items,
    limit,
    async (item, index) => {
      try {
        return await fn(item, index);
      } catch (error) {
        failure ??= { error };
        stop.abort(error);
        throw error;
      }
    },
    { signal },
  );
  if (failure) throw failure.error;
  return results.map((result) => {
    if (!result.ok) throw result.error;
    return result.value;
  });
}
