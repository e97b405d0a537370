// Bad input of every kind: each case ends in a typed DomoError a person can act on, and client-side mistakes
// send nothing. Vitest fails the run on any unhandled rejection.
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  AccessLevel,
  DomoAccount,
  DomoAccounts,
  DomoApiError,
  DomoInputError,
  DomoInstanceError,
  DomoRole,
  DomoServerError,
  DomoTokenAuth,
  DomoValidationError,
  isDomoError,
  routes,
  type DomoAuth,
} from '../../src/index.js';
import { useSandbox } from '../helpers/sandbox.js';

const sb = useSandbox();

type Sends = 'nothing' | 'no change' | 'something';
interface Case {
  name: string;
  run: (auth: DomoAuth) => unknown;
  error: new (...args: never[]) => Error;
  message: RegExp;
  sends: Sends;
  /** A server answer to put in front of the sandbox. */
  answer?: () => ReturnType<typeof http.get>;
}

const id = (value: unknown) => value as number;
const reply = (path: string, response: () => Response) => () => http.get(`*${path}`, response);
const roleId = () => [...sb.state.roles.values()].find((r) => r.name === 'Finance Editors')!.id;

const cases: Case[] = [
  ...([0, -1, Number.NaN, '1/2', '..', '', 2 ** 60, 1.5, null, {}] as unknown[]).map((value): Case => ({
    name: `account id ${JSON.stringify(value) ?? String(value)}`,
    run: (auth) => routes.getAccountById(auth, id(value)),
    error: DomoInputError,
    message: /id must be a positive integer/,
    sends: 'nothing',
  })),
  {
    name: 'role id "abc"',
    run: (auth) => routes.getRoleById(auth, id('abc')),
    error: DomoInputError,
    message: /id must be a positive integer, got "abc"/,
    sends: 'nothing',
  },
  {
    name: 'empty account name',
    run: (auth) => routes.updateAccountName(auth, 1, ''),
    error: DomoInputError,
    message: /name must not be empty/,
    sends: 'nothing',
  },
  {
    name: 'white-space account name',
    run: (auth) => routes.updateAccountName(auth, 1, '   '),
    error: DomoInputError,
    message: /name must not be empty/,
    sends: 'nothing',
  },
  {
    name: '10 000-character account name',
    run: (auth) => routes.updateAccountName(auth, 1, 'x'.repeat(10_000)),
    error: DomoInputError,
    message: /at most 255 characters, got 10000/,
    sends: 'nothing',
  },
  {
    name: 'numeric account name',
    run: (auth) => routes.updateAccountName(auth, 1, 42 as never),
    error: DomoInputError,
    message: /name must be a string, got 42/,
    sends: 'nothing',
  },
  {
    name: 'empty role name',
    run: (auth) => routes.createRole(auth, { name: '' }),
    error: DomoInputError,
    message: /name must not be empty/,
    sends: 'nothing',
  },
  {
    name: 'white-space role name',
    run: (auth) => routes.createRole(auth, { name: ' \t ' }),
    error: DomoInputError,
    message: /name must not be empty/,
    sends: 'nothing',
  },
  {
    name: '10 000-character role name',
    run: (auth) => routes.createRole(auth, { name: 'r'.repeat(10_000) }),
    error: DomoInputError,
    message: /at most 255/,
    sends: 'nothing',
  },
  {
    name: 'grants not an array',
    run: (auth) => routes.setRoleGrants(auth, roleId(), 'dataset.view' as never),
    error: DomoInputError,
    message: /grants must be an array of authority names/,
    sends: 'nothing',
  },
  {
    name: 'grants null',
    run: (auth) => routes.setRoleGrants(auth, roleId(), null as never),
    error: DomoInputError,
    message: /grants must be an array/,
    sends: 'nothing',
  },
  {
    name: 'grants with a number',
    run: (auth) => routes.setRoleGrants(auth, roleId(), ['dataset.view', 1] as never),
    error: DomoInputError,
    message: /grants\[1\] must be a non-empty authority name, got 1/,
    sends: 'nothing',
  },
  {
    name: 'grants with an empty name',
    run: (auth) => routes.setRoleGrants(auth, roleId(), ['']),
    error: DomoInputError,
    message: /grants\[0\]/,
    sends: 'nothing',
  },
  {
    name: 'unknown grant (catalogue)',
    run: async (auth) => (await DomoRole.get(auth, roleId())).setGrants(['dataset.mange']),
    error: DomoInputError,
    message: /unknown grants: dataset.mange \(did you mean dataset.manage/,
    sends: 'no change',
  },
  {
    name: 'duplicates around an unknown grant',
    run: async (auth) => (await DomoRole.get(auth, roleId())).setGrants(['dataset.view', 'dataset.view', 'nope.nope']),
    error: DomoInputError,
    message: /unknown grants: nope.nope/,
    sends: 'no change',
  },
  {
    name: 'grant without its dependency',
    run: async (auth) => (await DomoRole.get(auth, roleId())).setGrants(['user.delete']),
    error: DomoInputError,
    message: /user.delete needs user.edit/,
    sends: 'no change',
  },
  {
    name: 'unknown access level',
    run: (auth) => routes.shareAccount(auth, 3, { userId: 5, accessLevel: 'ADMIN' as never }),
    error: DomoInputError,
    message: /accessLevel must be one of OWNER, CAN_SHARE, CAN_EDIT, CAN_VIEW, NO_ACCESS/,
    sends: 'nothing',
  },
  {
    name: 'empty access level',
    run: (auth) => routes.shareAccount(auth, 3, { userId: 5, accessLevel: '' as never }),
    error: DomoInputError,
    message: /accessLevel must be one of/,
    sends: 'nothing',
  },
  {
    name: 'missing access level',
    run: (auth) => routes.shareAccount(auth, 3, { userId: 5 } as never),
    error: DomoInputError,
    message: /accessLevel must be one of/,
    sends: 'nothing',
  },
  {
    name: 'v1 share with a group',
    run: (auth) => routes.shareAccountV1(auth, 3, { groupId: 5, accessLevel: 'READ' } as never),
    error: DomoInputError,
    message: /v1 sharing supports users only/,
    sends: 'nothing',
  },
  {
    name: 'v1 revoke',
    run: (auth) => routes.shareAccountV1(auth, 3, { userId: 5, accessLevel: AccessLevel.NO_ACCESS }),
    error: DomoInputError,
    message: /v1 cannot revoke/,
    sends: 'nothing',
  },
  {
    name: 'share with a user and a group',
    run: (auth) => routes.shareAccount(auth, 3, { userId: 5, groupId: 6, accessLevel: 'CAN_VIEW' } as never),
    error: DomoInputError,
    message: /exactly one of userId and groupId/,
    sends: 'nothing',
  },
  {
    name: 'share with nobody',
    run: (auth) => routes.shareAccount(auth, 3, { accessLevel: 'CAN_VIEW' } as never),
    error: DomoInputError,
    message: /exactly one of userId and groupId/,
    sends: 'nothing',
  },
  {
    name: 'config a string',
    run: (auth) => routes.updateAccountConfig(auth, 3, 'x' as never, { dataProviderType: 'snowflake' }),
    error: DomoInputError,
    message: /config must be a plain object/,
    sends: 'nothing',
  },
  {
    name: 'config null',
    run: (auth) => routes.updateAccountConfig(auth, 3, null as never, { dataProviderType: 'snowflake' }),
    error: DomoInputError,
    message: /config must be a plain object/,
    sends: 'nothing',
  },
  {
    name: 'config an array',
    run: (auth) => routes.updateAccountConfig(auth, 3, [] as never, { dataProviderType: 'snowflake' }),
    error: DomoInputError,
    message: /config must be a plain object/,
    sends: 'nothing',
  },
  {
    name: 'config with a nested object',
    run: (auth) =>
      routes.updateAccountConfig(auth, 3, { password: { a: 1 } } as never, { dataProviderType: 'snowflake' }),
    error: DomoInputError,
    message: /config.password must be a string, number, boolean or null/,
    sends: 'nothing',
  },
  {
    name: 'create without required keys',
    run: (auth) => DomoAccount.create(auth, { name: 'x', dataProviderType: 'snowflake', config: { account: 'a' } }),
    error: DomoInputError,
    message: /snowflake config is missing required keys: username, password/,
    sends: 'nothing',
  },
  {
    name: 'config with an unknown key',
    run: async (auth) => (await DomoAccount.get(auth, 3)).updateConfig({ pwd: 'x' }),
    error: DomoInputError,
    message: /unknown snowflake config keys: pwd; valid keys: account, username, password, role/,
    sends: 'no change',
  },
  {
    name: 'config with a masked placeholder',
    run: async (auth) => (await DomoAccount.get(auth, 3)).updateConfig({ password: '{encrypted}abc' }),
    error: DomoInputError,
    message: /placeholders from a masked read/,
    sends: 'no change',
  },
  {
    name: 'provider type with a slash',
    run: (auth) => routes.getAccountConfig(auth, 3, { dataProviderType: '../x' }),
    error: DomoInputError,
    message: /dataProviderType must be a provider key/,
    sends: 'nothing',
  },
  {
    name: 'no member ids',
    run: (auth) => routes.addRoleMembers(auth, roleId(), []),
    error: DomoInputError,
    message: /userIds must be a non-empty array/,
    sends: 'nothing',
  },
  {
    name: 'member id not a number',
    run: (auth) => routes.addRoleMembers(auth, roleId(), ['x'] as never),
    error: DomoInputError,
    message: /userIds\[0\] must be a positive integer, got "x"/,
    sends: 'nothing',
  },
  {
    name: 'member id 0',
    run: (auth) => routes.addRoleMembers(auth, roleId(), [0]),
    error: DomoInputError,
    message: /userIds\[0\] must be a positive integer, got 0/,
    sends: 'nothing',
  },
  {
    name: 'empty instance',
    run: () => new DomoTokenAuth({ instance: '', token: 't' }),
    error: DomoInputError,
    message: /instance is required/,
    sends: 'nothing',
  },
  {
    name: 'empty token',
    run: () => new DomoTokenAuth({ instance: 'acme', token: '' }),
    error: DomoInputError,
    message: /token is required/,
    sends: 'nothing',
  },
  {
    name: 'baseUrl not a URL',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 't', baseUrl: 'nope' }),
    error: DomoInputError,
    message: /baseUrl is not a URL: "nope"/,
    sends: 'nothing',
  },
  ...([0, -5, Number.NaN, Number.POSITIVE_INFINITY, 1e12, '100'] as unknown[]).map((value): Case => ({
    name: `timeoutMs ${String(value)}`,
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', timeoutMs: value as number }),
    error: DomoInputError,
    message: /timeoutMs must be a finite number of milliseconds from 1 to 3600000/,
    sends: 'nothing',
  })),
  {
    name: 'per-call timeoutMs NaN',
    run: (auth) => routes.getRoles(auth, { timeoutMs: Number.NaN }),
    error: DomoInputError,
    message: /timeoutMs must be a finite number/,
    sends: 'nothing',
  },
  {
    name: 'retry limit 1.5',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', retry: 1.5 }),
    error: DomoInputError,
    message: /retry must be a (whole )?number of retries from 0 to 10/,
    sends: 'nothing',
  },
  {
    name: 'retry limit 1000',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', retry: { limit: 1000 } }),
    error: DomoInputError,
    message: /retry.limit must be a whole number of retries from 0 to 10, got 1000/,
    sends: 'nothing',
  },
  {
    name: 'per-call retry -1',
    run: (auth) => routes.getRoles(auth, { retry: -1 }),
    error: DomoInputError,
    message: /retry must be/,
    sends: 'nothing',
  },
  {
    name: 'signal not a signal',
    run: (auth) => routes.getRoles(auth, { signal: {} as AbortSignal }),
    error: DomoInputError,
    message: /signal must be an AbortSignal/,
    sends: 'nothing',
  },
  {
    name: 'maxResponseBytes 0',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', maxResponseBytes: 0 }),
    error: DomoInputError,
    message: /maxResponseBytes must be a whole number of bytes/,
    sends: 'nothing',
  },
  ...([0, -1, 2.5, Number.NaN, '8'] as unknown[]).map((value): Case => ({
    name: `concurrency ${String(value)}`,
    run: (auth) => new DomoAccounts(auth).list({ withConfig: true, concurrency: value as number }),
    error: DomoInputError,
    message: /concurrency must be a whole number from 1 to 256/,
    sends: 'nothing',
  })),
  {
    name: 'DomoRole.create with null',
    run: (auth) => DomoRole.create(auth, null as never),
    error: DomoInputError,
    message: /DomoRole.create needs \{ name/,
    sends: 'nothing',
  },
  {
    name: 'token with a line break',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'secret-part\r\nx-evil: 1' }),
    error: DomoInputError,
    message: /token contains a line break at position 12/,
    sends: 'nothing',
  },
  {
    name: 'token with a NUL',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'secret\u0000part' }),
    error: DomoInputError,
    message: /token contains a control character/,
    sends: 'nothing',
  },
  {
    name: 'token beyond Latin-1',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'sécret–token' }),
    error: DomoInputError,
    message: /token contains a character outside Latin-1/,
    sends: 'nothing',
  },
  {
    name: 'baseUrl with userinfo',
    run: () =>
      new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', baseUrl: 'https://admin:hunter22@acme.domo.com' }),
    error: DomoInputError,
    message: /baseUrl must not hold credentials/,
    sends: 'nothing',
  },
  {
    name: 'baseUrl with a query',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', baseUrl: 'https://acme.domo.com/?x=1' }),
    error: DomoInputError,
    message: /without a query or fragment/,
    sends: 'nothing',
  },
  {
    name: 'baseUrl with a fragment',
    run: () => new DomoTokenAuth({ instance: 'acme', token: 'tok-1234', baseUrl: 'https://acme.domo.com/#top' }),
    error: DomoInputError,
    message: /without a query or fragment/,
    sends: 'nothing',
  },
  ...(['0x10', '1e1', '-3', ' ', '9007199254740993'] as const).map((value): Case => ({
    name: `default role state ${JSON.stringify(value)}`,
    answer: reply('/api/content/v1/customer-states/user.roleid.default', () =>
      HttpResponse.json({ name: 'user.roleid.default', value }),
    ),
    run: (auth) => routes.getDefaultRole(auth),
    error: DomoValidationError,
    message: /the default role is not a role id/,
    sends: 'something',
  })),
  ...(['0x10', '1e1', 12.5, '99999999999999999'] as const).map((value): Case => ({
    name: `share-list id ${JSON.stringify(value)}`,
    answer: reply('/api/data/v2/accounts/share/3', () =>
      HttpResponse.json({ list: [{ type: 'USER', id: value, accessLevel: 'OWNER' }] }),
    ),
    run: (auth) => routes.getAccountAccessList(auth, 3),
    error: DomoValidationError,
    message: /list\[0\]\.id/,
    sends: 'something',
  })),
  {
    name: 'HTML error page',
    answer: reply('/api/authorization/v1/roles', () =>
      HttpResponse.html('<html><h1>502 Bad Gateway</h1></html>', { status: 502 }),
    ),
    run: (auth) => routes.getRoles(auth, { retry: 0 }),
    error: DomoServerError,
    message: /GET \/api\/authorization\/v1\/roles → 502/,
    sends: 'something',
  },
  {
    name: 'HTML page with 200',
    answer: reply('/api/authorization/v1/roles', () => HttpResponse.html('<html>Sign in</html>')),
    run: (auth) => routes.getRoles(auth),
    error: DomoValidationError,
    message: /getRoles: .*expected JSON, got text\/html/,
    sends: 'something',
  },
  {
    name: 'truncated JSON',
    answer: reply(
      '/api/authorization/v1/roles',
      () => new HttpResponse('[{"id": 1, "na', { headers: { 'content-type': 'application/json' } }),
    ),
    run: (auth) => routes.getRoles(auth),
    error: DomoValidationError,
    message: /not valid JSON/,
    sends: 'something',
  },
  {
    name: 'wrong field types',
    answer: reply('/api/authorization/v1/roles', () =>
      HttpResponse.json([
        { id: 1, name: 'Admin' },
        { id: '2', name: 'Privileged' },
      ]),
    ),
    run: (auth) => routes.getRoles(auth),
    error: DomoValidationError,
    message: /\[1\]\.id: /,
    sends: 'something',
  },
  {
    name: 'empty body',
    answer: reply(
      '/api/authorization/v1/roles',
      () => new HttpResponse('', { headers: { 'content-type': 'application/json' } }),
    ),
    run: (auth) => routes.getRoles(auth),
    error: DomoValidationError,
    message: /getRoles: the response did not match/,
    sends: 'something',
  },
  {
    name: '200 with an error body',
    answer: reply('/api/authorization/v1/roles/1', () =>
      HttpResponse.json({ status: 500, statusReason: 'Internal Server Error', message: 'boom' }),
    ),
    run: (auth) => routes.getRoleById(auth, 1),
    error: DomoValidationError,
    message: /getRoleById: .*id: /,
    sends: 'something',
  },
  {
    name: 'VPN block page',
    answer: reply('/api/content/v2/users/me', () => HttpResponse.html('<html><title>Domo - Blocked</title></html>')),
    run: (auth) => auth.whoAmI(),
    error: DomoInstanceError,
    message: /VPN/,
    sends: 'something',
  },
  {
    name: 'config refused by Domo',
    run: (auth) => routes.updateAccountConfig(auth, 3, { nope: 'x' }, { dataProviderType: 'snowflake' }),
    error: DomoApiError,
    message: /→ 400 .*unknown config keys for snowflake: nope/,
    sends: 'something',
  },
];

describe('bad input table', () => {
  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    if (c.answer) sb.server.use(c.answer());
    const mutationsBefore = sb.state.counters.mutations;
    const sentBefore = sb.sent.length;
    const error = await Promise.resolve()
      .then(() => c.run(sb.auth))
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error, 'expected a failure').toBeInstanceOf(c.error);
    expect(isDomoError(error)).toBe(true);
    expect((error as Error).message).toMatch(c.message);
    if (c.sends === 'nothing') expect(sb.sent.length - sentBefore).toBe(0);
    if (c.sends !== 'something') expect(sb.state.counters.mutations).toBe(mutationsBefore);
  });
});
