import { inspect } from 'node:util';
import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it } from 'vitest';
import { DomoFullAuth, DomoTokenAuth, type Logger } from '../../src/index.js';
import { useMswServer } from '../helpers/msw.js';

const server = useMswServer();
const TOKEN = 'CANARY-token-a1b2c3d4';
const PASSWORD = 'CANARY-password-e5f6';
const SESSION = 'CANARY-session-0987';

function surfaces(value: unknown): string[] {
  const shown = [inspect(value, { depth: 10, showHidden: true }), JSON.stringify(value), String(value)];
  if (value instanceof Error) shown.push(value.stack ?? '', value.message);
  return shown;
}

function expectClean(values: unknown[], lines: string[]) {
  const all = [...values.flatMap(surfaces), ...lines].join('\n');
  for (const canary of [TOKEN, PASSWORD, SESSION]) expect(all).not.toContain(canary);
}

describe('secret canary', () => {
  it('no token, password or session appears in errors, auths or log lines', async () => {
    const lines: string[] = [];
    const logger: Logger = {
      error: (m) => lines.push(m),
      warn: (m) => lines.push(m),
      info: (m) => lines.push(m),
      debug: (m) => lines.push(m),
    };
    const echo =
      (status: number) =>
      ({ request }: { request: Request }) =>
        HttpResponse.json(
          {
            status,
            message: `bad token ${request.headers.get('x-domo-developer-token') ?? request.headers.get('x-domo-authentication')}`,
          },
          { status },
        );
    server.use(
      http.post('*/api/content/v2/authentication', () => HttpResponse.json({ success: true, sessionToken: SESSION })),
      http.get('*/api/s/:status', ({ request, params }) => echo(Number(params.status))({ request })),
      http.get('*/api/slow', async () => {
        await delay(200);
        return HttpResponse.json({});
      }),
      http.get('*/api/html', ({ request }) =>
        HttpResponse.html(`<p>${request.headers.get('x-domo-developer-token')}</p>`),
      ),
    );
    const token = new DomoTokenAuth({
      instance: 'acme',
      token: TOKEN,
      logger,
      logLevel: 'debug',
      logBodies: true,
      retry: 0,
    });
    const full = new DomoFullAuth({
      instance: 'acme',
      username: 'ada@acme.com',
      password: PASSWORD,
      logger,
      logLevel: 'debug',
      logBodies: true,
      retry: 0,
    });
    const errors: unknown[] = [];
    for (const auth of [token, full]) {
      for (const status of [400, 401, 403, 404, 409, 429, 500]) {
        errors.push(
          await auth.transport
            .request({ route: 'r', method: 'GET', path: `/api/s/${status}` })
            .catch((e: unknown) => e),
        );
      }
      errors.push(
        await auth.transport
          .request({ route: 'r', method: 'GET', path: '/api/slow' }, { timeoutMs: 20 })
          .catch((e: unknown) => e),
      );
      errors.push(
        await auth.transport
          .request({ route: 'r', method: 'GET', path: '/api/html', schema: (await import('zod')).z.object({}) })
          .catch((e: unknown) => e),
      );
    }
    expect(errors.every((e) => e instanceof Error)).toBe(true);
    expect(errors.length).toBe(18);
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('\n')).toContain('[REDACTED]');
    expectClean([...errors, token, full, token.transport, full.transport], lines);
  });
});
