import { inspect } from 'node:util';
import { http, HttpResponse, delay } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  authFromEnv,
  DomoAuthError,
  DomoFullAuth,
  DomoInputError,
  DomoInstanceError,
  DomoTokenAuth,
  normalizeInstance,
  routes,
} from '../../src/index.js';
import { recordRequests, useMswServer } from '../helpers/msw.js';

const server = useMswServer();
const PASSWORD = 'canary-password-91b2';
const SESSION = 'canary-session-3c4d';
const ME = { id: 42, displayName: 'Ada Admin', emailAddress: 'ada@acme.com' };

function loginHandler(answer: () => Response | Promise<Response>, counter = { calls: 0 }) {
  return http.post('*/api/content/v2/authentication', async ({ request }) => {
    counter.calls += 1;
    expect(request.headers.get('x-domo-authentication')).toBeNull();
    expect(await request.json()).toEqual({ method: 'password', emailAddress: 'ada@acme.com', password: PASSWORD });
    return answer();
  });
}

const fullAuth = (extra = {}) =>
  new DomoFullAuth({ instance: 'acme', username: 'ada@acme.com', password: PASSWORD, retry: 0, ...extra });

describe('DomoTokenAuth', () => {
  it('who am i: sends the token and remembers the user id', async () => {
    const seen = recordRequests(server);
    server.use(http.get('*/api/content/v2/users/me', () => HttpResponse.json(ME)));
    const auth = new DomoTokenAuth({ instance: 'acme', token: 'tok-123456' });
    await expect(auth.whoAmI()).resolves.toMatchObject(ME);
    expect(auth.userId).toBe(42);
    expect(seen[0]!.headers.get('x-domo-developer-token')).toBe('tok-123456');
    await expect(routes.whoAmI(auth)).resolves.toMatchObject({ status: 200, data: ME });
  });

  it('maps 401 on users/me to DomoAuthError and 403 to DomoInstanceError', async () => {
    const auth = new DomoTokenAuth({ instance: 'acme', token: 'bad-token' });
    server.use(
      http.get('*/api/content/v2/users/me', () => new HttpResponse(null, { status: 401, statusText: 'Unauthorized' })),
    );
    await expect(auth.whoAmI()).rejects.toThrow(DomoAuthError);
    server.use(
      http.get('*/api/content/v2/users/me', () => new HttpResponse(null, { status: 403, statusText: 'Forbidden' })),
    );
    await expect(auth.whoAmI()).rejects.toThrow(DomoInstanceError);
  });

  it('rejects bad input at construction', () => {
    expect(() => new DomoTokenAuth({ instance: 'acme', token: '' })).toThrow(DomoInputError);
    expect(() => new DomoTokenAuth({ instance: '  ', token: 'x' })).toThrow(/instance is required/);
    expect(() => new DomoTokenAuth({ instance: 'acme', token: 'x', baseUrl: 'not a url' })).toThrow(/baseUrl/);
    expect(() => new DomoTokenAuth({ instance: 'acme', token: 'x', baseUrl: 'ftp://x' })).toThrow(/http or https/);
  });

  it('prints only its kind and instance', () => {
    const auth = new DomoTokenAuth({ instance: 'acme', token: 'canary-token-zz99' });
    expect(inspect(auth)).toBe("DomoTokenAuth { instance: 'acme' }");
    expect(String(auth)).toBe('DomoTokenAuth(acme)');
    expect(JSON.stringify(auth)).toBe('{"kind":"token","instance":"acme","baseUrl":"https://acme.domo.com"}');
  });
});

describe('instance names', () => {
  it.each([
    ['acme', 'acme'],
    ['ACME', 'acme'],
    ['acme.domo.com', 'acme'],
    ['https://acme.domo.com', 'acme'],
    ['https://acme.domo.com/', 'acme'],
    [' domo-community ', 'domo-community'],
  ])('%s → %s', (input, expected) => expect(normalizeInstance(input)).toBe(expected));

  it.each(['', 'https://acme.domo.com/api/x', 'acme corp', 'acme/x', 'https://', '-acme', 'ac_me'])(
    'rejects %j',
    (input) => {
      expect(() => normalizeInstance(input)).toThrow(DomoInputError);
    },
  );
});

describe('DomoFullAuth', () => {
  it('logs in lazily, once, for 10 concurrent first requests', async () => {
    const counter = { calls: 0 };
    const seen = recordRequests(server);
    server.use(
      loginHandler(async () => {
        await delay(20);
        return HttpResponse.json({ success: true, sessionToken: SESSION });
      }, counter),
      http.get('*/api/content/v2/users/me', () => HttpResponse.json(ME)),
    );
    const auth = fullAuth();
    expect(auth.isLoggedIn).toBe(false);
    await Promise.all(Array.from({ length: 10 }, () => auth.whoAmI()));
    expect(counter.calls).toBe(1);
    const meRequests = seen.filter((r) => r.url.pathname === '/api/content/v2/users/me');
    expect(meRequests).toHaveLength(10);
    expect(meRequests.every((r) => r.headers.get('x-domo-authentication') === SESSION)).toBe(true);
  });

  it("the implicit login honours the caller's signal and timeout, and one caller giving up does not fail another", async () => {
    const counter = { calls: 0 };
    server.use(
      loginHandler(async () => {
        await delay(150);
        return HttpResponse.json({ success: true, sessionToken: SESSION });
      }, counter),
      http.get('*/api/content/v2/users/me', () => HttpResponse.json(ME)),
    );
    const auth = fullAuth();
    const impatient = new AbortController();
    const first = auth.whoAmI({ signal: impatient.signal }).catch((e: unknown) => e);
    const hurried = auth.whoAmI({ timeoutMs: 30 }).catch((e: unknown) => e);
    const patient = auth.whoAmI();
    setTimeout(() => impatient.abort(), 20);
    expect(await first).toMatchObject({ name: 'DomoAbortError', route: 'login' });
    expect(await hurried).toMatchObject({ name: 'DomoTimeoutError', route: 'login', timeoutMs: 30 });
    await expect(patient).resolves.toMatchObject(ME);
    expect(counter.calls).toBe(1);
  });

  it('an already-aborted signal sends nothing, not even the login', async () => {
    const seen = recordRequests(server);
    const auth = fullAuth();
    await expect(auth.whoAmI({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'DomoAbortError' });
    await expect(auth.login({ signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'DomoAbortError' });
    expect(seen).toHaveLength(0);
    expect(auth.isLoggedIn).toBe(false);
  });

  it('a refused login says so, without a misleading "→ 200"', async () => {
    server.use(loginHandler(() => HttpResponse.json({ success: false, reason: 'INVALID_CREDENTIALS' })));
    const error = (await fullAuth()
      .whoAmI()
      .catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(DomoAuthError);
    expect(error.message).toBe(
      'login refused (INVALID_CREDENTIALS): check the username (the email address) and the password',
    );
    expect(error.message).not.toContain('200');
  });

  it('logs in again once after a 401, then succeeds', async () => {
    let session = 0;
    server.use(
      http.post('*/api/content/v2/authentication', () =>
        HttpResponse.json({ success: true, sessionToken: `${SESSION}-${++session}` }),
      ),
      http.get('*/api/content/v2/users/me', ({ request }) =>
        request.headers.get('x-domo-authentication') === `${SESSION}-2`
          ? HttpResponse.json(ME)
          : new HttpResponse(null, { status: 401 }),
      ),
    );
    await expect(fullAuth().whoAmI()).resolves.toMatchObject(ME);
    expect(session).toBe(2);
  });

  it('gives up with DomoAuthError when the new session is refused too', async () => {
    const counter = { calls: 0 };
    server.use(
      loginHandler(() => HttpResponse.json({ success: true, sessionToken: SESSION }), counter),
      http.get('*/api/content/v2/users/me', () => new HttpResponse(null, { status: 401 })),
    );
    await expect(fullAuth().whoAmI()).rejects.toThrow(DomoAuthError);
    expect(counter.calls).toBe(2);
  });

  it.each(['INVALID_CREDENTIALS', 'ACCOUNT_LOCKED'])(
    'reports a 200 with reason %s as DomoAuthError',
    async (reason) => {
      server.use(loginHandler(() => HttpResponse.json({ success: false, reason })));
      const error = (await fullAuth()
        .login()
        .catch((e: unknown) => e)) as DomoAuthError;
      expect(error).toBeInstanceOf(DomoAuthError);
      expect(error.reason).toBe(reason);
      expect(error.message).toContain(reason);
    },
  );

  it('reports a missing session token and a 403 login', async () => {
    server.use(loginHandler(() => HttpResponse.json({})));
    await expect(fullAuth().login()).rejects.toThrow(/without a usable session token/);
    server.use(loginHandler(() => new HttpResponse(null, { status: 403, statusText: 'Forbidden' })));
    await expect(fullAuth().login()).rejects.toThrow(DomoInstanceError);
  });

  it('login route returns the session as a Secret and a ready auth', async () => {
    server.use(loginHandler(() => HttpResponse.json({ success: true, sessionToken: SESSION })));
    const { data } = await routes.login({ instance: 'acme', username: 'ada@acme.com', password: PASSWORD });
    expect(data.sessionToken.reveal()).toBe(SESSION);
    expect(String(data.sessionToken)).toBe('[REDACTED]');
    expect(data.auth.isLoggedIn).toBe(true);
  });

  it('rejects a missing username or password', () => {
    expect(() => new DomoFullAuth({ instance: 'acme', username: '', password: 'x' })).toThrow(/username/);
    expect(() => new DomoFullAuth({ instance: 'acme', username: 'a@b.c', password: '' })).toThrow(/password/);
  });
});

describe('authFromEnv', () => {
  it('prefers a token, falls back to username and password', () => {
    const token = authFromEnv({
      DOMO_INSTANCE: 'acme',
      DOMO_ACCESS_TOKEN: 't-1234',
      DOMO_USERNAME: 'u',
      DOMO_PASSWORD: 'p',
    });
    expect(token).toBeInstanceOf(DomoTokenAuth);
    const full = authFromEnv({
      DOMO_INSTANCE: 'acme.domo.com',
      DOMO_USERNAME: 'u@x.com',
      DOMO_PASSWORD: 'p',
      DOMO_BASE_URL: 'http://127.0.0.1:8080',
    });
    expect(full).toBeInstanceOf(DomoFullAuth);
    expect(full.instance).toBe('acme');
    expect(full.baseUrl).toBe('http://127.0.0.1:8080');
  });

  it('names what is missing', () => {
    expect(() => authFromEnv({})).toThrow(/DOMO_INSTANCE/);
    expect(() => authFromEnv({ DOMO_INSTANCE: 'acme', DOMO_USERNAME: 'u' })).toThrow(
      /DOMO_ACCESS_TOKEN, or DOMO_USERNAME and DOMO_PASSWORD/,
    );
  });
});
