/** Standard reason phrases; Domo clients key quirks on (status, reason), so the sandbox always sends them. */
export const REASON_PHRASES: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  303: 'See Other',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** An error answer, rendered as Domo's JSON error body `{ status, statusReason, path, message, toe }`. */
export class SandboxHttpError extends Error {
  override name = 'SandboxHttpError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new SandboxHttpError(400, message);
export const notFound = (message: string) => new SandboxHttpError(404, message);
export const forbidden = (message: string) => new SandboxHttpError(403, message);
export const conflict = (message: string) => new SandboxHttpError(409, message);

/** Any request value as text for a message: strings as they are, everything else as JSON. */
export function show(value: unknown): string {
  return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}
