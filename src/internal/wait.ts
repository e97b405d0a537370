import { DomoAbortError, DomoTimeoutError, type RequestContext } from '../client/errors.js';
import type { RequestOptions } from '../client/options.js';

/**
 * Waits for work shared with other callers (a login) within this caller's own signal and timeout. Giving up
 * here stops only this caller's wait: the shared work goes on for the others.
 * @throws {DomoAbortError} the caller's signal aborted
 * @throws {DomoTimeoutError} `timeoutMs` passed first
 */
export function waitWithin<T>(
  work: Promise<T>,
  options: Pick<RequestOptions, 'signal' | 'timeoutMs'>,
  what: string,
  context: RequestContext = {},
): Promise<T> {
  const { signal, timeoutMs } = options;
  if (signal?.aborted) return Promise.reject(new DomoAbortError(`${what} was aborted before it started`, context));
  if (!signal && timeoutMs === undefined) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => finish(() => reject(new DomoAbortError(`${what} was aborted`, context)));
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(
            () =>
              finish(() =>
                reject(new DomoTimeoutError(`${what} timed out after ${timeoutMs} ms`, { ...context, timeoutMs })),
              ),
            timeoutMs,
          );
    const finish = (settle: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      settle();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => finish(() => resolve(value)),
      // The shared work rejects with its own DomoError; it is passed on as it is.
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
      (error: unknown) => finish(() => reject(error)),
    );
  });
}
