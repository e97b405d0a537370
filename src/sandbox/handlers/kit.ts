import { http, HttpResponse, type HttpHandler } from 'msw';
import { REASON_PHRASES, SandboxHttpError, badRequest } from '../errors.js';
import type { SandboxRequestLogEntry } from '../model.js';
import type { SandboxState } from '../state.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a sandbox endpoint gets: the request, its params, and helpers that answer like Domo. */
export interface SandboxContext {
  state: SandboxState;
  request: Request;
  url: URL;
  params: Record<string, string>;
  /** The authenticated caller; 0 on anonymous endpoints. */
  userId: number;
  /** A path parameter as a positive integer id; 400 otherwise. */
  id(name?: string): number;
  /** The JSON body; 400 when malformed, 415 when not sent as JSON. */
  json(): Promise<unknown>;
  /** The `text/plain` body; 415 for any other content type. */
  text(): Promise<string>;
  /** Marks the request as having changed state (counted, and used by fault injection). */
  applied(): void;
}

export interface EndpointOptions {
  /** Answer without credentials (the login endpoint). */
  anonymous?: boolean;
}

type Endpoint = (ctx: SandboxContext) => Response | Promise<Response>;

/** JSON with Domo's content type and the standard reason phrase. */
export function json(body: unknown, status = 200): Response {
  return HttpResponse.json(body as never, { status, statusText: REASON_PHRASES[status] ?? '' });
}

/** An empty answer. */
export function empty(status = 204): Response {
  return new HttpResponse(null, { status, statusText: REASON_PHRASES[status] ?? '' });
}

/** Domo's error body: `{ status, statusReason, path, message, toe }`. */
export function errorResponse(
  state: SandboxState,
  status: number,
  message: string,
  path: string,
  headers: Record<string, string> = {},
): Response {
  const statusReason = REASON_PHRASES[status] ?? 'Error';
  const toe = `SBX-${String(state.counters.total).padStart(8, '0')}`;
  return HttpResponse.json({ status, statusReason, path, message, toe }, { status, statusText: statusReason, headers });
}

/** One endpoint as the loopback server's router sees it. */
export interface SandboxRoute {
  method: Method;
  regex: RegExp;
  keys: string[];
  answer(request: Request, params: Record<string, string>): Promise<Response>;
}

/** The state handlers answer for, the origin they answer on (`*` for any), and every route defined. */
export interface SandboxScope {
  state: SandboxState;
  origin: string;
  routes: SandboxRoute[];
}

/**
 * Defines one endpoint with auth, fault injection, the request log and Domo-like error answers around it: as an
 * msw handler, and as a route for the loopback server's own router (the same `serve` behind both).
 */
export function endpoint(
  scope: SandboxScope,
  method: Method,
  pattern: string,
  handle: Endpoint,
  options: EndpointOptions = {},
): HttpHandler {
  const answer = (request: Request, params: Record<string, string>) =>
    serve(scope.state, request, params, handle, options);
  const keys = [...pattern.matchAll(/:([A-Za-z]+)/g)].map((match) => match[1] as string);
  const regex = new RegExp(
    `^${pattern
      .split('/')
      .map((part) => (part.startsWith(':') ? '([^/]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/')}/?$`,
  );
  scope.routes.push({ method, regex, keys, answer });
  const register = { GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch, DELETE: http.delete }[method];
  return register(`${scope.origin}${pattern}`, ({ request, params }) =>
    answer(request, params as Record<string, string>),
  );
}

/** The answer for a path no endpoint serves: logged, and a Domo-like 404. */
export function unknownEndpoint(state: SandboxState, request: Request): Response {
  state.counters.total += 1;
  const { pathname, search } = new URL(request.url);
  record(state, {
    seq: state.counters.total,
    method: request.method,
    path: pathname,
    query: search,
    status: 404,
    ms: 0,
    mutated: false,
  });
  return errorResponse(state, 404, `no endpoint ${request.method} ${pathname}`, pathname);
}

async function serve(
  state: SandboxState,
  request: Request,
  params: Record<string, string>,
  handle: Endpoint,
  options: EndpointOptions,
): Promise<Response> {
  const started = performance.now();
  const url = new URL(request.url);
  const entry: SandboxRequestLogEntry = {
    seq: ++state.counters.total,
    method: request.method,
    path: url.pathname,
    query: url.search,
    status: 0,
    ms: 0,
    mutated: false,
  };
  state.counters.inFlight += 1;
  state.counters.peakInFlight = Math.max(state.counters.peakInFlight, state.counters.inFlight);
  try {
    if (state.faults.latencyMs) await sleep(state.faults.latencyMs);
    const response = await answer(state, request, url, params, handle, options, entry);
    entry.status = response.type === 'error' ? 0 : response.status;
    return response;
  } finally {
    state.counters.inFlight -= 1;
    entry.ms = Math.round(performance.now() - started);
    record(state, entry);
  }
}

async function answer(
  state: SandboxState,
  request: Request,
  url: URL,
  params: Record<string, string>,
  handle: Endpoint,
  options: EndpointOptions,
  entry: SandboxRequestLogEntry,
): Promise<Response> {
  const fault = pickFault(state, entry.seq);
  if (fault === 'rate-limit' || fault === 'error' || fault === 'reset-before') {
    entry.fault = fault === 'reset-before' ? 'reset' : fault;
    if (fault === 'reset-before') return Response.error();
    if (fault === 'error')
      return errorResponse(state, 503, 'Service temporarily unavailable (injected fault)', url.pathname);
    return errorResponse(state, 429, 'Too many requests (injected fault)', url.pathname, {
      'retry-after': String(state.faults.retryAfterSeconds ?? 0.01),
    });
  }
  let response: Response;
  try {
    const userId = options.anonymous ? 0 : state.authenticate(request.headers);
    response = await handle(context(state, request, url, params, userId, entry));
  } catch (error) {
    response =
      error instanceof SandboxHttpError
        ? errorResponse(state, error.status, error.message, url.pathname)
        : errorResponse(
            state,
            500,
            `sandbox error: ${error instanceof Error ? error.message : String(error)}`,
            url.pathname,
          );
  }
  if (fault === 'reset-after') {
    entry.fault = 'reset';
    return Response.error();
  }
  return response;
}

/** Which fault, if any, this request gets. Deterministic for a seed and a request order. */
function pickFault(
  state: SandboxState,
  seq: number,
): 'rate-limit' | 'error' | 'reset-before' | 'reset-after' | undefined {
  const { rateLimitEvery, errorRate, resetRate } = state.faults;
  if (rateLimitEvery && seq % rateLimitEvery === 0) return 'rate-limit';
  if (errorRate && state.faultRandom.chance(errorRate)) return 'error';
  if (resetRate && state.faultRandom.chance(resetRate))
    return state.faultRandom.chance(0.5) ? 'reset-before' : 'reset-after';
  return undefined;
}

function context(
  state: SandboxState,
  request: Request,
  url: URL,
  params: Record<string, string>,
  userId: number,
  entry: SandboxRequestLogEntry,
): SandboxContext {
  return {
    state,
    request,
    url,
    params,
    userId,
    id: (name = 'id') => parseId(params[name]),
    json: () => readJson(request),
    text: () => readText(request),
    applied: () => {
      if (!entry.mutated) state.counters.mutations += 1;
      entry.mutated = true;
    },
  };
}

/** Parses a path id: a positive integer, else 400. */
export function parseId(value: string | undefined): number {
  const id = Number(value);
  if (!value || !/^\d+$/.test(value) || !Number.isSafeInteger(id) || id <= 0)
    throw badRequest(`invalid id ${JSON.stringify(value)}`);
  return id;
}

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === '') throw badRequest('a JSON body is required');
  const type = request.headers.get('content-type') ?? '';
  if (!/json/i.test(type))
    throw new SandboxHttpError(415, `expected Content-Type application/json, got ${type || 'none'}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badRequest('malformed JSON body');
  }
}

async function readText(request: Request): Promise<string> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^text\/plain/i.test(type))
    throw new SandboxHttpError(415, `expected Content-Type text/plain, got ${type || 'none'}`);
  return request.text();
}

/** Appends to the request log; past its limit the oldest tenth is dropped at once (not one entry per request). */
function record(state: SandboxState, entry: SandboxRequestLogEntry): void {
  state.requests.push(entry);
  if (state.requests.length > state.requestLogLimit)
    state.requests.splice(0, state.requests.length - Math.floor(state.requestLogLimit * 0.9));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A page size from a request (`limit`, `count`): a whole number, capped at `max`; 400 otherwise. */
export function pageSize(value: unknown, max = 100): number {
  const n = Number(value ?? max);
  if (!Number.isInteger(n) || n < 0) throw badRequest(`count must be a whole number, got ${JSON.stringify(value)}`);
  return Math.min(n, max);
}

/** An offset from a request: a whole number ≥ 0 (anything else counts as 0). */
export function pageOffset(value: unknown): number {
  return Math.max(0, Number(value ?? 0) || 0);
}
