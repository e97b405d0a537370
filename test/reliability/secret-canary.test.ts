// Canary secrets — a token, a password and a config secret — must not appear on any surface: errors of every
// class (inspect, JSON, String, stack), debug logs with bodies, auths, entities, configs, and CLI output.
import { inspect } from 'node:util';
import { delay, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { bufferIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';
import {
  DomoAccount, DomoAccounts, DomoFullAuth, DomoRole, DomoTokenAuth, routes, type DomoAuth, type Logger,
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
  return async ({ request }: { request: Request }) => HttpResponse.json({
    status, message: `echo token=${request.headers.get('x-domo-developer-token')} session=${request.headers.get('x-domo-authentication')} body=${await request.text()}`,
  }, { status, headers });
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
    const logger: Logger = { error: (l) => logLines.push(l), warn: (l) => logLines.push(l), info: (l) => logLines.push(l), debug: (l) => logLines.push(l) };
    const transport = { logger, logLevel: 'debug' as const, logBodies: true, retry: { limit: 1, backoffMs: 1 } };
    const auth = new DomoTokenAuth({ instance: sb.state.instance, token: TOKEN, ...transport });
    const full = new DomoFullAuth({ instance: sb.state.instance, username: 'admin@sandbox.example', password: PASSWORD, ...transport });
    const snowflakeId = [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'snowflake')!.id;

    const failures: [string, () => Promise<unknown>][] = [
      ['401', async () => { sb.server.use(http.get('*/api/authorization/v1/roles', echo(401), { once: true })); return routes.getRoles(auth); }],
      ['403', async () => { sb.server.use(http.get('*/api/authorization/v1/roles/1', echo(403), { once: true })); return routes.getRoleById(auth, 1); }],
      ['404', () => routes.getAccountById(auth, 999)],
      ['409', () => routes.createRole(auth, { name: 'Admin' })],
      ['429', async () => { sb.server.use(http.get('*/api/authorization/v1/authorities', echo(429, { 'retry-after': '0' }), { once: false })); return routes.getAuthorities(auth); }],
      ['500 echoing a config secret', async () => { sb.server.use(http.put('*/api/data/v1/providers/snowflake/account/:id', echo(500))); return routes.updateAccountConfig(auth, snowflakeId, { account: 'a', username: 'u', password: SECRET }, { dataProviderType: 'snowflake' }); }],
      ['timeout', async () => { sb.server.use(http.get('*/api/content/v2/users/me', async () => { await delay(200); return HttpResponse.json({}); })); return auth.whoAmI({ timeoutMs: 20, retry: 0 }); }],
      ['connection refused', async () => new DomoTokenAuth({ instance: 'acme', token: TOKEN, baseUrl: `http://127.0.0.1:${await closedPort()}`, ...transport }).whoAmI()],
      ['validation', async () => { sb.server.use(http.get('*/api/authorization/v1/roles/2', echo(200), { once: true })); return routes.getRoleById(auth, 2); }],
      ['input', () => routes.getAccountById(auth, -1)],
      ['refused login', async () => new DomoFullAuth({ instance: sb.state.instance, username: 'admin@sandbox.example', password: `${PASSWORD}-wrong`, ...transport }).login()],
      ['session 401', async () => { await full.whoAmI(); sb.server.use(http.get('*/api/authorization/v1/roles', echo(401), { once: true })); return routes.getRoles(full); }],
    ];
    const errors: unknown[] = [];
    for (const [label, run] of failures) {
      const error = await run().then(() => new Error(`${label}: no error`), (e: unknown) => e);
      expect(error, label).toBeInstanceOf(Error);
      expect((error as Error).name, label).toMatch(/^Domo/);
      errors.push(error);
    }
    const [, { accounts }] = [await sb.settled(), await new DomoAccounts(auth).list({ withConfig: true, unmask: true })];
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
      surfaces.push([`${label} inspect`, inspect(value, { depth: 8, showHidden: true })], [`${label} JSON`, JSON.stringify(value) ?? ''], [`${label} String`, String(value)]);
      if (value instanceof Error) surfaces.push([`${label} stack`, value.stack ?? '']);
    };
    failures.forEach(([label], i) => add(`error ${label}`, errors[i]));
    add('token auth', auth);
    add('session auth', full);
    add('account', account);
    add('account config', account.config);
    add('account list', accounts);
    add('role', role);
    surfaces.push(['debug log', logLines.join('\n')], ['cli --json stdout', cliJson.stdout()], ['cli --json stderr', cliJson.stderr()],
      ['cli --dry-run stdout', cliDry.stdout()], ['cli --dry-run stderr', cliDry.stderr()]);

    expect(surfaces.length).toBeGreaterThanOrEqual(20);
    expect(logLines.length).toBeGreaterThan(20);
    const leaks = surfaces.filter(([, text]) => CANARIES.some((canary) => text.includes(canary))).map(([label]) => label);
    expect(leaks).toEqual([]);
  });

  it('the canaries were really sent where they belong (the test can fail)', async () => {
    plant();
    const auth: DomoAuth = new DomoTokenAuth({ instance: sb.state.instance, token: TOKEN });
    await auth.whoAmI();
    await sb.settled();
    expect(sb.sent[0]!.headers.get('x-domo-developer-token')).toBe(TOKEN);
    const account = await DomoAccount.get(auth, [...sb.state.accounts.values()].find((a) => a.dataProviderType === 'snowflake')!.id, { withConfig: true, unmask: true });
    expect(JSON.stringify(account.config!.reveal())).toContain(SECRET);
  });
});
