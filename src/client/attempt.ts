/**
 * One call as its attempts see it: created once per call, it travels to the fetch below as an option ky does not
 * know (ky passes such options through), so counting and observing attempts needs no ky hook and no closure.
 */
export interface CallAttempts {
  /** Largest body read. */
  readonly maxBytes: number;
  /** Attempts started so far. */
  attempts: number;
  /** When the current attempt started (`performance.now()`). */
  startedAt: number;
  /** Why the last attempt failed (`HTTP 503`, `timeout`, `ECONNRESET`), for the retry log line. */
  lastFailure?: string;
  /** The request changes nothing (a read, or a search sent as POST): see {@link isReadOnlyRequest}. */
  readonly readOnly?: boolean;
}

/** The requests of calls that change nothing, as the fetch sees them. */
const readOnlyRequests = new WeakSet<Request>();

/**
 * True for a request the library sends that changes nothing: a GET or HEAD, or a route marked `readOnly` (a search
 * sent as POST). A custom `fetch` — the CLI's `--dry-run` — uses it to let reads through and hold back changes.
 */
export function isReadOnlyRequest(request: Request): boolean {
  return request.method === 'GET' || request.method === 'HEAD' || readOnlyRequests.has(request);
}

/** Hears of every attempt of every call: its start, and its response before the body is read. */
export interface AttemptObserver<C extends CallAttempts> {
  started(request: Request, call: C): void;
  responded(request: Request, response: Response, call: C): void;
}

/** The option key under which a call's {@link CallAttempts} travels. */
export const CALL_KEY = 'domoCall';

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

/** Bodies read inside the attempt, by response: the text is kept here and the response passed on as it is. */
const bodies = new WeakMap<Response, string>();

/** The body the bounded fetch read for `response`, if it read one. */
export function bufferedText(response: Response): string | undefined {
  return bodies.get(response);
}

/**
 * Wraps a fetch so that each attempt is bounded end to end: the whole response body is read here, with a size
 * cap, before the response is handed on. ky's per-attempt `timeout` races this whole function, so its one timer
 * covers the request *and* the body (a body that stalls after a few bytes times out too), and its abort — like the
 * caller's — stops the read. Nothing after this can hang. The text is kept beside the response (see
 * {@link bufferedText}) rather than in a new `Response`, which would cost an object and a copy per request.
 * Every attempt is counted and shown to `observer`; this is ky's only per-attempt callback into the library.
 */
export function boundedFetch<C extends CallAttempts>(
  base: typeof fetch,
  observer: AttemptObserver<C>,
): (request: Request, init?: Record<string, unknown>) => Promise<Response> {
  return async (request, init) => {
    const call = init?.[CALL_KEY] as C | undefined;
    if (!call) return base(request);
    call.attempts += 1;
    call.startedAt = performance.now();
    if (call.readOnly) readOnlyRequests.add(request);
    observer.started(request, call);
    try {
      const response = await base(request);
      if (!response.ok) call.lastFailure = `HTTP ${response.status}`;
      observer.responded(request, response, call);
      bodies.set(response, await readText(response, call.maxBytes, request.signal));
      return response;
    } catch (error) {
      call.lastFailure = request.signal.aborted
        ? 'timeout'
        : (systemCode(error) ?? (error instanceof Error ? error.message : String(error)));
      throw error;
    }
  };
}

/** The system error code (`ECONNREFUSED`, `ECONNRESET`, …) inside a fetch failure. */
export function systemCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The whole body as text, at most `maxBytes`; an abort (ky's timeout or the caller) stops a read that is waiting. */
async function readText(response: Response, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    void response.body?.cancel().catch(() => undefined);
    throw new BodyTooLarge(maxBytes);
  }
  if (!response.body) return '';
  // A declared length within the cap is enforced by fetch itself, so the native reader can take the whole body.
  if (Number.isInteger(declared)) return untilAborted(response.text(), signal);
  return readAll(response.body, maxBytes, signal);
}

/** `reading`, unless `signal` aborts first (a mocked fetch may not stop its body on abort). */
function untilAborted(reading: Promise<string>, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const stop = () => reject(abortReason(signal));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    reading.then(
      (text) => {
        signal.removeEventListener('abort', stop);
        resolve(text);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(signal.aborted ? abortReason(signal) : new ResponseInterrupted(error));
      },
    );
  });
}

/** A body of unknown length, chunk by chunk, stopping as soon as it passes `maxBytes`. */
async function readAll(body: ReadableStream<Uint8Array>, maxBytes: number, signal: AbortSignal): Promise<string> {
  const reader = body.getReader();
  const stop = () => void reader.cancel().catch(() => undefined);
  signal.addEventListener('abort', stop, { once: true });
  const decoder = new TextDecoder();
  let text = '';
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
      text += decoder.decode(value, { stream: true });
    }
  } finally {
    signal.removeEventListener('abort', stop);
  }
  return text + decoder.decode();
}

/** Why the read stopped: the signal's reason when it is an error, else an `AbortError`. */
function abortReason(signal: AbortSignal): Error {
  const reason = signal.reason as unknown;
  return reason instanceof Error ? reason : new DOMException('aborted', 'AbortError');
}
