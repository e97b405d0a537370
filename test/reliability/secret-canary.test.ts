// Canary secrets — a token, a password and a config secret — must not appear on any surface: errors of every
// class (inspect, JSON, String, stack), debug logs with bodies, auths, entities, configs, and CLI output.
import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import {
  DomoAccount,
  DomoAccounts,
  DomoFullAuth,
  DomoRole,
  DomoTokenAuth,
  routes,
  type DomoAuth,
  type Logger,
} from '../../src/index.js';
import { closedPort } from '../helpers/net.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();
const TOKEN = 'CANARY-TOKEN-7c1f2e9a';
const PASSWORD = 'CANARY-PASSWORD-3b8d';
const SECRET = 'CANARY-CONFIG-SECRET-5e6f';
const CANARIES = [TOKEN, PASSWORD, SECRET];

/** Answers `status` with a body that echoes every credential and the request body back. */
function echo(status: number, headers: Record<string, string> = {}) {
  return async ({ request }: { request: Request }) =>
    HttpResponse.json(
      {
        status,
        message: `echo token=${request.headers.get('x-domo-developer-token')} session=${request.headers.get('x-domo-authentication')} body=${await request.text()}`,
      },
      { status, headers },
    );
}

function plant(): void {
  sb.state.tokens.set(TOKEN, sb.state.adminUserId);
  sb.state.users.get(sb.state.adminUserId)!.password = PASSWORD;
  const snowflake = [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'snowflake')!;
  snowflake.config.password = SECRET;
}

describe('secret canary', () => {
  it('shows no token, password or config secret on any of at least 20 surfaces', async () => {
    plant();
    const logLines: string[] = [];
    const logger: Logger = {
      error: (l) => logLines.push(l),
      warn: (l) => logLines.push(l),
      info: (l) => logLines.push(l),
      debug: (l) => logLines.push(l),
    };
    const transport = { logger, logLevel: 'debug' as const, logBodies: true, retry: { limit: 1, backoffMs: 1 } };
    const auth = new DomoTokenAuth({ instance: sb.state.instance, token: TOKEN, ...transport });
    const full = new DomoFullAuth({
      instance: sb.state.instance,
      username: 'admin@sandbox.example',
      password: PASSWORD,
      ...transport,
    });
    const snowflakeId = [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'snowflake')!.id;

    const failures: [string, () => Promise<unknown>][] = [
      [
        '401',
        async () => {
          sb.server.use(http.get('*/api/authorization/v1/roles', echo(401), { once: true }));
          return routes.getRoles(auth);
        },
      ],
      [
        '403',
        async () => {
          sb.server.use(http.get('*/api/authorization/v1/roles/1', echo(403), { once: true }));
          return routes.getRoleById(auth, 1);
        },
      ],
      ['404', () => routes.getAccountById(auth, 999)],
      ['409', () => routes.createRole(auth, { name: 'Admin' })],
      [
        '429',
        async () => {
          sb.server.use(
            http.get('*/api/authorization/v1/authorities', echo(429, { 'retry-after': '0' }), { once: false }),
          );
          return routes.getAuthorities(auth);
        },
      ],
      [
        '500 echoing a config secret',
        async () => {
          sb.server.use(http.put('*/api/data/v1/providers/snowflake/account/:id', echo(500)));
          return routes.updateAccountConfig(
            auth,
            snowflakeId,
            { account: 'a', username: 'u', password: SECRET },
            { dataProviderType: 'snowflake' },
          );
        },
      ],
      [
        'timeout',
        async () => {
          sb.server.use(
            http.get('*/api/content/v2/users/me', async () => {
              await delay(200);
              return HttpResponse.json({});
            }),
          );
          return auth.whoAmI({ timeoutMs: 20, retry: 0 });
        },
      ],
      [
        'connection refused',
        async () =>
          new DomoTokenAuth({
            instance: 'acme',
            token: TOKEN,
            baseUrl: `http://127.0.0.1:${await closedPort()}`,
            ...transport,
          }).whoAmI(),
      ],
      [
        'validation',
        async () => {
          sb.server.use(http.get('*/api/authorization/v1/roles/2', echo(200), { once: true }));
          return routes.getRoleById(auth, 2);
        },
      ],
      ['input', () => routes.getAccountById(auth, -1)],
      [
        'refused login',
        async () =>
          new DomoFullAuth({
            instance: sb.state.instance,
            username: 'admin@sandbox.example',
            password: `${PASSWORD}-wrong`,
            ...transport,
          }).login(),
      ],
      [
        'session 401',
        async () => {
          await full.whoAmI();
          sb.server.use(http.get('*/api/authorization/v1/roles', echo(401), { once: true }));
          return routes.getRoles(full);
        },
      ],
    ];
    const errors: unknown[] = [];
    for (const [label, run] of failures) {
      const error = await run().then(
        () => new Error(`${label}: no error`),
        (e: unknown) => e,
      );
      expect(error, label).toBeInstanceOf(Error);
      expect((error as Error).name, label).toMatch(/^Domo/);
      errors.push(error);
    }
    const [, { accounts }] = [
      await sb.settled(),
      await new DomoAccounts(auth).list({ withConfig: true, unmask: true }),
    ];
    const account = await DomoAccount.get(auth, snowflakeId, { withConfig: true, unmask: true });
    expect(account.config!.reveal().password).toBe(SECRET);
    const role = await DomoRole.get(auth, 1);

    const cliEnv = { DOMO_INSTANCE: sb.state.instance, DOMO_ACCESS_TOKEN: TOKEN };
    const cliJson = bufferIo(cliEnv);
    await runCli(['--json', '--log', 'debug', 'accounts', 'list', '--with-config'], cliJson);
    const cliDry = bufferIo(cliEnv);
    await runCli(['--dry-run', '--log', 'debug', 'accounts', 'rename', String(snowflakeId), 'x'], cliDry);
    expect(cliDry.stdout()).toContain('dry run');

    const surfaces: [string, string][] = [];
    const add = (label: string, value: unknown) => {
      surfaces.push(
        [`${label} inspect`, inspect(value, { depth: 8, showHidden: true })],
        [`${label} JSON`, JSON.stringify(value) ?? ''],
        [`${label} String`, String(value)],
      );
      if (value instanceof Error) surfaces.push([`${label} stack`, value.stack ?? '']);
    };
    failures.forEach(([label], i) => add(`error ${label}`, errors[i]));
    add('token auth', auth);
    add('session auth', full);
    add('account', account);
    add('account config', account.config);
    add('account list', accounts);
    add('role', role);
    surfaces.push(
      ['debug log', logLines.join('\n')],
      ['cli --json stdout', cliJson.stdout()],
      ['cli --json stderr', cliJson.stderr()],
      ['cli --dry-run stdout', cliDry.stdout()],
      ['cli --dry-run stderr', cliDry.stderr()],
    );

    expect(surfaces.length).toBeGreaterThanOrEqual(20);
    expect(logLines.length).toBeGreaterThan(20);
    const leaks = surfaces
      .filter(([, text]) => CANARIES.some((canary) => text.includes(canary)))
      .map(([label]) => label);
    expect(leaks).toEqual([]);
  });

  it('scrubs secrets with quotes, backslashes and non-ASCII in every form a server echoes: JSON-escaped, URL-encoded, in bodies, reason phrases and Location headers', async () => {
    const token = 'TOK"EN\\\u00e9-1a2b3c'; // a header may carry Latin-1, quotes and backslashes
    const password = 'pa"ss\\w\u00f6rd \u2013\u2603-9f8e'; // a body may carry anything
    const secret = 'sec\\ret "\u00fcber" \u00e9t\u00e9-77aa';
    sb.state.tokens.set(token, sb.state.adminUserId);
    sb.state.users.get(sb.state.adminUserId)!.password = password;
    const snowflake = [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'snowflake')!;
    const lines: string[] = [];
    const logger: Logger = {
      error: (l) => lines.push(l),
      warn: (l) => lines.push(l),
      info: (l) => lines.push(l),
      debug: (l) => lines.push(l),
    };
    const transport = { logger, logLevel: 'debug' as const, logBodies: true, retry: 0 };
    const auth = new DomoTokenAuth({ instance: sb.state.instance, token, ...transport });
    const full = new DomoFullAuth({
      instance: sb.state.instance,
      username: 'admin@sandbox.example',
      password,
      ...transport,
    });
    const asciiJson = (v: string) =>
      JSON.stringify(v)
        .slice(1, -1)
        .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    /** A 500 that echoes `known` (what the caller's auth and call hold) raw, JSON-escaped, ASCII-escaped and URL-encoded, in the body and the reason phrase. */
    const echoing =
      (known: () => string[]) =>
      async ({ request }: { request: Request }) => {
        const seen = [...known(), request.headers.get('x-domo-authentication') ?? '', await request.text()];
        return new HttpResponse(
          JSON.stringify({
            message: `echo ${seen.join(' | ')}`,
            escaped: seen.map(asciiJson).join(' | '),
            encoded: seen.map(encodeURIComponent).join(' | '),
          }),
          {
            status: 500,
            statusText: `Oops ${known().map(encodeURIComponent).join(' ')}`,
            headers: { 'content-type': 'application/json' },
          },
        );
      };
    const cases: [string, string[], () => Promise<unknown>][] = [
      [
        '500 echo on a config write',
        [token, secret],
        async () => {
          sb.server.use(
            http.put(
              '*/api/data/v1/providers/snowflake/account/:id',
              echoing(() => [token, secret]),
            ),
          );
          return routes.updateAccountConfig(
            auth,
            snowflake.id,
            { account: 'a', username: 'u', password: secret },
            { dataProviderType: 'snowflake' },
          );
        },
      ],
      [
        'redirect to a Location holding the token',
        [token],
        async () => {
          sb.server.use(
            http.get(
              '*/api/authorization/v1/roles',
              () =>
                new HttpResponse(null, {
                  status: 302,
                  headers: { location: `https://evil.example/?t=${encodeURIComponent(token)}&t2=${encodeURI(token)}` },
                }),
              { once: true },
            ),
          );
          return routes.getRoles(auth);
        },
      ],
      [
        'session auth: 500 echoing the password',
        [password],
        async () => {
          await full.whoAmI();
          sb.server.use(
            http.get(
              '*/api/authorization/v1/roles/1',
              echoing(() => [password]),
              { once: true },
            ),
          );
          return routes.getRoleById(full, 1);
        },
      ],
      [
        'refused login echoing the password',
        [password],
        async () => {
          sb.server.use(
            http.post(
              '*/api/content/v2/authentication',
              echoing(() => [password]),
              { once: true },
            ),
          );
          return new DomoFullAuth({
            instance: sb.state.instance,
            username: 'admin@sandbox.example',
            password,
            ...transport,
          }).login();
        },
      ],
    ];
    const forms = (v: string) => [v, JSON.stringify(v).slice(1, -1), asciiJson(v), encodeURIComponent(v), encodeURI(v)];
    const leaks: string[] = [];
    for (const [label, canaries, run] of cases) {
      const error = await run().then(
        () => new Error(`${label}: no error`),
        (e: unknown) => e,
      );
      expect((error as Error).name, label).toMatch(/^Domo/);
      const texts = [
        inspect(error, { depth: 8, showHidden: true }),
        JSON.stringify(error),
        String(error),
        (error as Error).stack ?? '',
      ];
      for (const form of canaries.flatMap(forms))
        if (texts.some((text) => text.includes(form))) leaks.push(`${label}: ${form}`);
    }
    expect(lines.some((l) => l.includes('response body'))).toBe(true);
    const log = lines.join('\n');
    leaks.push(
      ...[token, password, secret]
        .flatMap(forms)
        .filter((form) => log.includes(form))
        .map((form) => `debug log: ${form}`),
    );
    expect(leaks).toEqual([]);
  });

  it('the canaries were really sent where they belong (the test can fail)', async () => {
    plant();
    const auth: DomoAuth = new DomoTokenAuth({ instance: sb.state.instance, token: TOKEN });
    await auth.whoAmI();
    await sb.settled();
    expect(sb.sent[0]!.headers.get('x-domo-developer-token')).toBe(TOKEN);
    const account = await DomoAccount.get(
      auth,
      [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'snowflake')!.id,
      { withConfig: true, unmask: true },
    );
    expect(JSON.stringify(account.config!.reveal())).toContain(SECRET);
  });
});
