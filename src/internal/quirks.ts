import { DomoApiError, DomoNotFoundError } from '../client/errors.js';
import type { DomoResponse } from '../client/options.js';

/** Marks a response that was an error on the wire but whose change a follow-up read confirmed. */
export type VerifiedResponse<T> = DomoResponse<T> & { quirk?: 'bad-request-but-applied' | 'gone-on-retry' };

/**
 * Domo's known quirk: some writes (role delete, role metadata update, grants via PUT) answer
 * `400 Bad Request` although they were applied. Nothing is assumed: on exactly that answer, `verify` re-reads
 * the state and returns the confirmed result, or `undefined` when the change is not there. Then the original
 * error is thrown. Any other error passes through untouched.
 */
export async function badRequestButApplied<T>(
  send: () => Promise<DomoResponse<T>>,
  verify: () => Promise<DomoResponse<T> | undefined>,
): Promise<VerifiedResponse<T>> {
  try {
    return await send();
  } catch (error) {
    if (!isPlainBadRequest(error)) throw error;
    const confirmed = await verify().catch(() => undefined);
    if (!confirmed) throw error;
    return { ...confirmed, quirk: 'bad-request-but-applied' };
  }
}

function isPlainBadRequest(error: unknown): error is DomoApiError {
  return error instanceof DomoApiError && error.status === 400;
}

/**
 * A DELETE whose *retry* answers 404 has done its job: the first attempt deleted the object and its answer was
 * lost (a reset or a 5xx after applying). A 404 on the first attempt is still an error.
 */
export async function goneOnRetryIsDeleted(request: Promise<DomoResponse<unknown>>): Promise<VerifiedResponse<void>> {
  try {
    const { status } = await request;
    return { status, data: undefined };
  } catch (error) {
    if (error instanceof DomoNotFoundError && error.status === 404 && (error.attempts ?? 1) > 1)
      return { status: 404, data: undefined, quirk: 'gone-on-retry' };
    throw error;
  }
}
