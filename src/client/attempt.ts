import { TimeoutError } from 'ky';

/** What bounds one attempt: its time, response body included, and the size of that body. */
export interface AttemptLimits {
  timeoutMs: number;
  maxBytes: number;
}

/** The per-attempt limits travel to the fetch below as an option ky does not know, which ky passes through. */
export const LIMITS_KEY = 'domoAttempt';

/** The response body went over `maxBytes`; reading stopped there. */
export class BodyTooLarge extends Error {
  override name = 'BodyTooLarge';
  constructor(readonly limitBytes: number) {
    super(`the response body is larger than ${limitBytes} bytes`);
  }
}

/** The connection failed after the response had started: the server certainly received the request. */
export class ResponseInterrupted extends Error {
  override name = 'ResponseInterrupted';
  constructor(cause: unknown) {
    super('the connection failed while the response was being read', { cause });
  }
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Wraps a fetch so that each attempt is bounded end to end: one timer covers the request *and* reading the whole
 * response body (a body that stalls after a few bytes times out too), the body is read with a size cap, and the
 * caller's abort stops either phase. The response is handed on with its body in memory, so nothing after this
 * can hang. A timeout surfaces as ky's `TimeoutError`, so ky's retry policy applies to it as to any other.
 */
export function boundedFetch(base: typeof fetch): (request: Request, init?: Record<string, unknown>) => Promise<Response> {
  return async (request, init) => {
    const limits = init?.[LIMITS_KEY] as AttemptLimits | undefined;
    if (!limits) return base(request);
    const timer = new AbortController();
    const timeout = setTimeout(() => timer.abort(), limits.timeoutMs);
    const signal = AbortSignal.any([request.signal, timer.signal]);
    try {
      const response = await base(request, { signal });
      return await buffered(response, limits.maxBytes, signal);
    } catch (error) {
      if (timer.signal.aborted && !request.signal.aborted) throw new TimeoutError(request);
      throw error;
    } finally {
      clearTimeout(timeout);
    }
  };
}

async function buffered(response: Response, maxBytes: number, signal: AbortSignal): Promise<Response> {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
    void response.body?.cancel().catch(() => undefined);
    return new Response(null, init);
  }
  return new Response(await readAll(response.body, maxBytes, signal), init);
}

/** Every byte of a body, at most `maxBytes`; an abort (timeout or caller) stops a read that is waiting. */
async function readAll(body: ReadableStream<Uint8Array>, maxBytes: number, signal: AbortSignal): Promise<Uint8Array> {
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read().catch((error: unknown) => {
        throw signal.aborted ? abortReason(signal) : new ResponseInterrupted(error);
      });
      if (signal.aborted) throw abortReason(signal);
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        stop();
        throw new BodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return concat(chunks, size);
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('aborted', 'AbortError');
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
